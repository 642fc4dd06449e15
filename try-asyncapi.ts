import { componentSchemas } from './libs/contracts/src/asyncapi/asyncapi-schemas.js';
console.log(JSON.stringify(componentSchemas(), null, 1).slice(0, 3000));
