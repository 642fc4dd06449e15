import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'auth:public';

/** Marks a controller or route as open: no token needed (health checks). */
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);
