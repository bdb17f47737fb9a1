/**
 * What a person is called: the display name (comments, the admin pages) and the byline their
 * articles and author page carry instead when it is set (issue 16, decisions/0039); and the
 * author photo a staff member uploads from /account. Admins change anyone's names; everyone
 * changes their own. Every page may show a name, so a change drops the page cache.
 */
import { cropOf, imagePath, variantFor } from '../domain/image.js';
import { cleanName, nameLimit, type User } from '../domain/user.js';
import { AppError, notFound } from '../errors.js';
import type { Store } from '../store/types.js';
import type { ChangeBus } from './changes.js';
import type { ImageService, Upload } from './images.js';
import type { NewsroomService } from './newsroom.js';

export interface StaffDeps {
  store: Pick<Store, 'users'>;
  changes: ChangeBus;
  images: Pick<ImageService, 'upload'>;
  newsroom: Pick<NewsroomService, 'setProfile'>;
}

export class StaffService {
  constructor(private readonly deps: StaffDeps) {}

  /** Changes a person's display name and byline ('' for none: articles show the name). */
  async rename(actor: User, id: string, input: { name?: string; byline?: string }): Promise<User> {
    if (actor.id !== id && actor.role !== 'admin') {
      throw new AppError('role_not_allowed', 'Only admins change other people’s names.');
    }
    const person = actor.id === id ? actor : await this.deps.store.users.byId(id);
    if (!person) throw notFound('That person');
    const name = input.name === undefined ? person.name : cleanName(input.name);
    if (!name) {
      throw new AppError('invalid_name', `Enter a display name of 1 to ${nameLimit} characters.`, {
        field: 'name',
        values: { max: nameLimit },
      });
    }
    const byline = input.byline === undefined ? person.byline : cleanName(input.byline);
    if (byline === null) {
      throw new AppError('too_long', `A byline can be at most ${nameLimit} characters.`, {
        field: 'byline',
        values: { max: nameLimit },
      });
    }
    if (name === person.name && byline === person.byline) return person;
    await this.deps.store.users.setNames(person.id, { name, byline });
    // Names show in bylines, author pages, feeds and comment threads: nothing narrower to drop.
    this.deps.changes.publish({ kind: 'site' });
    return { ...person, name, byline };
  }

  /** Uploads the person's author photo (a square crop of it) and puts it on their author page. */
  async uploadPhoto(actor: User, upload: Upload): Promise<User> {
    const image = await this.deps.images.upload(actor, {
      ...upload,
      details: { alt: `Photo of ${actor.byline || actor.name}`, decorative: false },
    });
    const variant = cropOf(image, '1x1') ?? variantFor(image, 320);
    if (!variant)
      throw new AppError('unreadable_image', 'That image could not be used as a photo.');
    return this.deps.newsroom.setProfile(actor, { bio: actor.bio, photo: imagePath(variant.file) });
  }
}
