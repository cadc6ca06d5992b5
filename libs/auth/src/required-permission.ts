/** Route metadata: the permission a route requires (set by @Authenticated, read by the AuthGuard). */
export const REQUIRED_PERMISSION = 'auth:required-permission';
