import type { Catalogue } from '../types.js';
import type en from '../en/moderation.js';

export default {} satisfies Catalogue<typeof en>;
