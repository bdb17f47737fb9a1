/** Every use-case, built from one store. Routes and the CLI receive this object. */
import type { Store } from '../store/types.js';
import { ReadingService } from './reading.js';
import { TokenService } from './tokens.js';
import { UserService } from './users.js';

export interface Services {
  reading: ReadingService;
  users: UserService;
  tokens: TokenService;
}

export function createServices(store: Store): Services {
  return {
    reading: new ReadingService(store),
    users: new UserService(store),
    tokens: new TokenService(store),
  };
}
