import { Logger } from '@nestjs/common';
import { loadGatewayConfig } from './config/gateway.config.js';
import { createGatewayApp } from './gateway.app.js';

const config = loadGatewayConfig();
const app = await createGatewayApp(config);
await app.listen(config.PORT, config.HOST);
Logger.log(
  `gateway ready on ${await app.getUrl()} (docs at /docs, metrics at /metrics)`,
  'Bootstrap',
);
