import type { Capability, User } from './api';

/** May the user open this? The API says, from the modules' policies (GET /api/auth/me → capabilities). */
export const can = (user: Pick<User, 'capabilities'>, capability: Capability) => user.capabilities.includes(capability);
