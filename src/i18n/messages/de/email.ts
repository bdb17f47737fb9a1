import type { Catalogue } from '../types.js';
import type en from '../en/email.js';

export default {} satisfies Catalogue<typeof en>;
