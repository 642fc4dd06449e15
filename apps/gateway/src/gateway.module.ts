import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { MessagingModule } from '#messaging';
import { AsyncApiController } from './asyncapi/asyncapi.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { TokenVerifier } from './auth/token-verifier.js';
import { loadGatewayConfig, type GatewayConfig } from './config/gateway.config.js';
import { HealthController } from './health/health.controller.js';
import { ProblemDetailsFilter } from './http/problem-details.filter.js';
import { CompaniesController } from './companies/companies.controller.js';
import { EmployeesController } from './employees/employees.controller.js';
import { EmploymentRelationsController } from './employees/employment-relations.controller.js';
import { PeopleController } from './people/people.controller.js';

@Module({})
export class GatewayModule {
  static register(config: GatewayConfig = loadGatewayConfig()): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        MessagingModule.forRoot({
          clientId: 'gateway',
          kafka: config,
          replyTopic: 'gateway.replies',
        }),
      ],
      controllers: [
        HealthController,
        AsyncApiController,
        PeopleController,
        CompaniesController,
        EmployeesController,
        EmploymentRelationsController,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: TokenVerifier, useValue: new TokenVerifier(config) },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    };
  }
}
