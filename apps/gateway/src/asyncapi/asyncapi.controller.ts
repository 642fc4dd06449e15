import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import { PublicRoute } from '../auth/public-route.decorator.js';
import { asyncApiDocument } from './asyncapi-document.js';
import {
  ASYNCAPI_ASSETS,
  ASYNCAPI_HTML,
  ASYNCAPI_PAGE_SCRIPT,
  assetText,
  parsedDocumentText,
  type AsyncApiAsset,
} from './asyncapi-page.js';

/** The Kafka contract as AsyncAPI 3: JSON at /asyncapi.json, a page at /asyncapi (no token). */
@ApiExcludeController()
@PublicRoute()
@Controller()
export class AsyncApiController {
  private readonly document = JSON.stringify(asyncApiDocument());

  @Get('asyncapi.json')
  @Header('content-type', 'application/json; charset=utf-8')
  json(): string {
    return this.document;
  }

  @Get('asyncapi')
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    return ASYNCAPI_HTML;
  }

  @Get('asyncapi/page.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  pageScript(): string {
    return ASYNCAPI_PAGE_SCRIPT;
  }

  @Get('asyncapi/parsed.json')
  @Header('content-type', 'application/json; charset=utf-8')
  parsed(): Promise<string> {
    return parsedDocumentText();
  }

  @Get('asyncapi/:asset')
  @Header('cache-control', 'public, max-age=3600')
  async asset(
    @Param('asset') asset: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    if (!Object.hasOwn(ASYNCAPI_ASSETS, asset)) throw new NotFoundException();
    reply.header('content-type', ASYNCAPI_ASSETS[asset as AsyncApiAsset].type);
    return assetText(asset as AsyncApiAsset);
  }
}
