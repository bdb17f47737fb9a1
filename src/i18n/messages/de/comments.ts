import type { Catalogue } from '../types.js';
import type en from '../en/comments.js';

export default {} satisfies Catalogue<typeof en>;
