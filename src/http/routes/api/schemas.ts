/** JSON shapes of the public API; the OpenAPI document is generated from these. */
import { Type } from 'typebox';

/** The error object of every refusal (docs/api.md lists the conditions). */
const ErrorObject = Type.Object({
  code: Type.String({
    description: 'The general kind, following the HTTP status, e.g. not_found, conflict',
  }),
  condition: Type.String({
    description: 'Stable code for what went wrong, e.g. stale_version, slug_taken',
  }),
  message: Type.String({ description: 'Human-readable explanation' }),
  field: Type.Optional(
    Type.String({ description: 'The input the error concerns, by its name in the request' }),
  ),
});

export const ErrorBody = Type.Object({ error: ErrorObject }, { $id: 'Error' });

/** The refusals a route may answer, each with the error object: `refusals(400, 404)`. */
export function refusals<S extends number>(
  ...statuses: S[]
): Record<S, ReturnType<typeof Type.Ref>> {
  return Object.fromEntries(statuses.map((status) => [status, Type.Ref('Error')])) as Record<
    S,
    ReturnType<typeof Type.Ref>
  >;
}

/** The path of a route about one thing by its id. */
export const IdParams = Type.Object({ id: Type.String({ maxLength: 200 }) });

/** A text field of at most `maxLength` characters. */
export const Text = (maxLength: number, description?: string) =>
  Type.String({ maxLength, ...(description ? { description } : {}) });

export const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) =>
  Type.Union([t, Type.Null()]);

export const AuthorRef = Type.Object({
  id: Type.String(),
  name: Type.String(),
  slug: Type.String(),
});
export const SectionRef = Type.Object({ slug: Type.String(), name: Type.String() });
export const TagRef = Type.Object({ slug: Type.String(), name: Type.String() });

export const Correction = Type.Object({
  id: Type.String(),
  kind: Type.Union([
    Type.Literal('correction'),
    Type.Literal('clarification'),
    Type.Literal('update'),
  ]),
  priority: Type.Union([Type.Literal('high'), Type.Literal('normal')], {
    description: 'high: shown above the body; normal: below it',
  }),
  text: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  retractedAt: Nullable(Type.String({ format: 'date-time' })),
  retractionNote: Nullable(Type.String()),
});

export const ImageVariantBody = Type.Object({
  purpose: Type.Union(
    ['responsive', 'fallback', '16x9', '4x3', '1x1'].map((p) => Type.Literal(p)),
    {
      description:
        'responsive: WebP for srcset; fallback: JPEG or PNG; 16x9, 4x3, 1x1: JPEG crops for cards',
    },
  ),
  width: Type.Integer(),
  height: Type.Integer(),
  format: Type.Union(['jpeg', 'png', 'webp'].map((f) => Type.Literal(f))),
  url: Type.String({ description: 'Absolute; never changes (cached for a year)' }),
  bytes: Type.Integer(),
});

export const ImageBody = Type.Object(
  {
    id: Type.String(),
    originalName: Type.String(),
    format: Type.Union(
      ['jpeg', 'png', 'webp'].map((f) => Type.Literal(f)),
      {
        description: 'of the upload, as read from its bytes',
      },
    ),
    width: Type.Integer({ description: 'upright, after its EXIF orientation' }),
    height: Type.Integer(),
    alt: Type.String({
      description: 'required (or decorative) before an article showing it is published',
    }),
    decorative: Type.Boolean({ description: 'shown with an empty alt on purpose' }),
    caption: Type.String(),
    credit: Type.String(),
    url: Type.String({ description: 'Absolute URL of the fallback file' }),
    srcset: Type.String({ description: 'The WebP widths, as for <img srcset> (absolute URLs)' }),
    variants: Type.Array(ImageVariantBody),
    uploadedBy: Nullable(Type.String()),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Image' },
);

export const ArticleBody = Type.Object(
  {
    id: Type.String(),
    slug: Type.String(),
    url: Type.String({ description: 'Absolute public URL of the article page' }),
    headline: Type.String(),
    standfirst: Type.String(),
    body: Type.String({ description: 'Markdown' }),
    section: SectionRef,
    tags: Type.Array(TagRef),
    authors: Type.Array(AuthorRef),
    dateline: Type.String(),
    status: Type.Union(
      ['draft', 'review', 'scheduled', 'published', 'unpublished'].map((s) => Type.Literal(s)),
    ),
    publishedAt: Nullable(Type.String({ format: 'date-time' })),
    updatedAt: Nullable(
      Type.String({
        format: 'date-time',
        description: 'Public "Updated" time: set only by a marked update',
      }),
    ),
    publishAt: Nullable(
      Type.String({ format: 'date-time', description: 'When a scheduled article goes out' }),
    ),
    version: Type.Integer({ description: 'Increases with every save; send it back when editing' }),
    commentCount: Type.Integer({ description: 'Published comments' }),
    corrections: Type.Array(Correction, {
      description: 'Never deleted: a retracted one keeps its text, with retractedAt and a note',
    }),
    returned: Type.Union([
      Type.Object(
        {
          note: Type.String(),
          at: Type.String({ format: 'date-time' }),
          byName: Nullable(Type.String()),
        },
        {
          description:
            'Newsroom: an editor sent it back from review to draft with this note (cleared by the next move)',
        },
      ),
      Type.Null(),
    ]),
    mainImage: Type.Union([Type.Ref('Image'), Type.Null()]),
  },
  { $id: 'Article' },
);

export const ArticleList = Type.Object({
  items: Type.Array(Type.Ref('Article')),
  nextCursor: Nullable(
    Type.String({ description: 'Pass as ?cursor= for the next page; null on the last' }),
  ),
});

export const UserBody = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    slug: Type.String(),
    role: Type.Union(
      ['commenter', 'author', 'editor', 'moderator', 'admin'].map((r) => Type.Literal(r)),
    ),
    email: Type.String(),
    emailVerified: Type.Boolean(),
    suspendedUntil: Nullable(Type.String({ format: 'date-time' })),
    createdAt: Type.String({ format: 'date-time' }),
    byline: Type.String({ description: 'The name articles show instead of name; empty for none' }),
  },
  { $id: 'User' },
);

export const CommentBody = Type.Object(
  {
    id: Type.String(),
    articleId: Type.String(),
    parentId: Nullable(Type.String()),
    body: Type.String({ description: 'Markdown as written' }),
    html: Type.String({ description: 'Rendered from the safe Markdown subset' }),
    author: Type.Union(
      [
        Type.Object({
          id: Nullable(Type.String({ description: 'null for a guest (an imported comment)' })),
          name: Type.String(),
          slug: Nullable(Type.String({ description: 'null for a guest, who has no page' })),
          guest: Type.Boolean({ description: 'A name without an account (imported comments)' }),
        }),
        Type.Null(),
      ],
      {
        description:
          'null for the placeholder of a deleted comment that keeps its replies in place',
      },
    ),
    status: Type.Union(['published', 'pending', 'rejected', 'deleted'].map((s) => Type.Literal(s))),
    depth: Type.Integer({ description: '0 for a top-level comment' }),
    createdAt: Type.String({ format: 'date-time' }),
    editedAt: Nullable(Type.String({ format: 'date-time' })),
    reactions: Type.Integer({ description: 'How many people reacted (one reaction per person)' }),
  },
  { $id: 'Comment' },
);

export const CommentList = Type.Object({
  items: Type.Array(Type.Ref('Comment'), {
    description: 'Top-level comments of this page, each followed by its replies (depth first)',
  }),
  nextCursor: Nullable(
    Type.String({ description: 'Pass as ?cursor= for the next page; null on the last' }),
  ),
});

export const ConflictBody = Type.Object({
  error: ErrorObject,
  current: Type.Optional(
    Type.Ref('Article', { description: 'A stale save: the article as it is now' }),
  ),
});

export const Revision = Type.Object({
  version: Type.Integer(),
  savedAt: Type.String({ format: 'date-time' }),
  savedBy: Type.Union([AuthorRefLite(), Type.Null()]),
  substantive: Type.Boolean({ description: 'Marked by an editor as a substantive update' }),
  note: Type.String(),
  headline: Type.String(),
});

function AuthorRefLite() {
  return Type.Object({ id: Type.String(), name: Type.String() });
}

export const RevisionDetail = Type.Object({
  version: Type.Integer(),
  savedAt: Type.String({ format: 'date-time' }),
  savedBy: Type.Union([AuthorRefLite(), Type.Null()]),
  substantive: Type.Boolean(),
  note: Type.String(),
  headline: Type.String(),
  slug: Type.String(),
  section: Type.String({ description: 'section slug' }),
  standfirst: Type.String(),
  body: Type.String(),
  dateline: Type.String(),
  authorIds: Type.Array(Type.String()),
  tags: Type.Array(TagRef),
  relatedIds: Type.Array(Type.String()),
});
