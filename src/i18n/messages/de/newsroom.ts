import type { Catalogue } from '../types.js';
import type en from '../en/newsroom.js';

export default {} satisfies Catalogue<typeof en>;
