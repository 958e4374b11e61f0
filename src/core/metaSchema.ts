/**
 * The front matter schema (the post-meta box), in zod. Every key carries its documentation and
 * the phrase used in messages ("a whole number from 0 to 100"), so the linter's messages and the
 * editor's hovers come from this one place.
 */
import type { z } from 'zod';
import { ISO_DATE, isRealDate, whyNotADay } from './dates';
import { describeSchema, NAMED_CHECKS, type NamedCheck, type ValueShape } from './valueShape';
import { lazy, zod } from './zod';

export { ISO_DATE, isRealDate, whyNotADay };

export interface KeyDoc {
  /** What the key means, for hovers and completion. */
  description: string;
  /** What a valid value looks like, as it reads after "expected". */
  expected: string;
  /** Set on keys of the post-meta box that only posts use: completion offers them in posts only. */
  postOnly?: true;
}

export const OWNER_PATTERN = /^(?:@[\w.-]+(?:\/[\w.-]+)?|[A-Za-z0-9][\w.-]*|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/;
export const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
export const REVISION_STATUSES = ['draft', 'reviewed', 'expanded', 'published', 'archived'] as const;
export const DIFFICULTIES = ['beginner', 'intermediate', 'advanced'] as const;

/**
 * A builder for the schema of each known key, in the order the post-meta box shows them. Each key's
 * schema is built on its first use (keySchema): a note validates only the keys it has, and a
 * one-note CLI run built all 25 (a sixth of its time before).
 */
function keyBuilders(): Record<string, () => z.ZodType> {
  const z = zod();
  // `check` names a refinement's predicate in valueShape.ts's NAMED_CHECKS, so that the fast check can run it without zod.
  const doc = <T extends z.ZodType>(schema: T, description: string, expected: string, check?: NamedCheck): T => schema.meta({ description, expected, ...(check ? { check } : {}) });
  /** A key of the post-meta box that runbooks and change notes do not use (completion offers it in posts only). */
  const postOnly = <T extends z.ZodType>(schema: T): T => schema.meta({ ...(schema.meta() as object), postOnly: true });

  const text = (description: string) => doc(z.string().trim().min(1), description, 'a non-empty string');
  const wholeNumber = (min: number, max: number | undefined, description: string) =>
    doc(
      max === undefined ? z.number().int().min(min) : z.number().int().min(min).max(max),
      description,
      max === undefined ? `a whole number, ${min} or more` : `a whole number from ${min} to ${max}`,
    );
  const stringList = (description: string) =>
    doc(z.array(doc(z.string().trim().min(1), description, 'a non-empty string')), description, 'a list of non-empty strings');
  const ownerText = () => doc(
    z.string().trim().regex(OWNER_PATTERN),
    'Who answers for this note.',
    "an @handle, a team-name or an e-mail address",
  );
  const webUrl = () => doc(
    z.string().refine((value) => NAMED_CHECKS.httpUrl(value)),
    'Where the image comes from.',
    'an http or https URL',
    'httpUrl',
  );

  // One finding per value: the format first; a date written right gets told why its day does not exist.
  const isoDate = () => doc(
    z.string().superRefine((value, context) => {
      if (!ISO_DATE.test(value)) context.addIssue({ code: 'custom', params: { expected: 'a date written YYYY-MM-DD' } });
      else if (!isRealDate(value)) context.addIssue({ code: 'custom', params: { expected: 'a day that exists', found: `'${value}' (${whyNotADay(value)})` } });
    }),
    'The day of the last review.',
    'a date written YYYY-MM-DD',
    'calendarDay',
  );
  const flagValue = () => doc(z.union([z.literal(0), z.literal(1), z.boolean()]), 'A yes/no flag.', '0, 1, true or false');

  return {
    kind: () => doc(z.string().trim().min(1), 'The note kind: runbook, change-note, post or a kind from the configuration.', 'a known kind'),
    title: () => text('The note title.'),
    topic: () => postOnly(text('What the note is about, in a few words.')),
    summary: () => postOnly(text('A short summary shown in the post-meta box.')),
    ai_brief: () => postOnly(text('A brief description for readers and assistants.')),
    ai_outline: () => postOnly(doc(
      z.strictObject({
        context: text('When this applies.'),
        problem: text('The problem the note solves.'),
        stack: text('The technology stack.'),
        recommended_action: text('What the reader should do.'),
      }).partial(),
      'An outline: context, problem, stack and recommended action.',
      'a map with context, problem, stack and recommended_action',
    )),
    owner: () => doc(
      z.union([ownerText(), z.array(ownerText()).min(1)]),
      'Who answers for this note: an @handle, a team name or an e-mail address, or a list of them.',
      'an @handle, a team-name, an e-mail address, or a list of them',
    ),
    stack: () => stringList('The stack the note is about.'),
    tools: () => stringList('Tools the note uses.'),
    code_language: () => postOnly(text('The main language of the code in the note.')),
    difficulty: () => postOnly(doc(z.enum(DIFFICULTIES), 'How hard the note is to follow.', `one of ${DIFFICULTIES.join(', ')}`)),
    reading_time: () => postOnly(wholeNumber(1, 600, 'Reading time in whole minutes.')),
    view_count: () => postOnly(wholeNumber(0, undefined, 'How many times the note was viewed.')),
    score: () => postOnly(doc(
      z.strictObject({
        quality: wholeNumber(0, 100, 'Quality score, 0 to 100.'),
        freshness: wholeNumber(0, 100, 'Freshness score, 0 to 100.'),
        depth: wholeNumber(0, 100, 'Depth score, 0 to 100.'),
        clarity: wholeNumber(0, 100, 'Clarity score, 0 to 100.'),
      }).partial(),
      'Scores from 0 to 100: quality, freshness, depth, clarity (shown as bars).',
      'a map with quality, freshness, depth and clarity',
    )),
    revision: () => doc(
      z.strictObject({
        status: doc(z.enum(REVISION_STATUSES), 'Where the note is in its life.', `one of ${REVISION_STATUSES.join(', ')}`),
        version: doc(z.string().regex(SEMVER), 'The note version.', 'a semantic version such as 1.4.4'),
        last_reviewed: isoDate(),
        review_every_days: wholeNumber(1, 3650, "How many days this note's review stays fresh; overrides review-stale's maxAgeDays."),
      }).partial(),
      'Revision: status, version, the date of the last review and how often to review.',
      'a map with status, version, last_reviewed and review_every_days',
    ),
    reference: () => postOnly(doc(z.string().regex(/^[a-z]+-ref-\d{6}-\d{4}$/), 'A reference id such as anp-ref-000260-9326.', 'a reference such as anp-ref-000260-9326')),
    hash: () => postOnly(doc(z.string().regex(/^[0-9a-f]{24}$/), 'A content hash: 24 lowercase hex digits.', '24 lowercase hex digits')),
    flags: () => postOnly(doc(
      z.record(z.string(), flagValue()),
      'Flags shown as badges: ai_generated_style, has_images, image_heavy, needs_human_review.',
      'a map of flag names to 0/1 or true/false',
    )),
    checklist: () => stringList('Checklist items shown with check marks.'),
    entities: () => postOnly(doc(
      z.array(
        doc(
          z.looseObject({ name: text('The entity name.'), type: text('The entity type (stack, area, problem…).') }),
          'An entity the note mentions.',
          'a map with name and type',
        ),
      ),
      'Entities the note mentions, each with a name and a type.',
      'a list of maps with name and type',
    )),
    image_sources: () => postOnly(doc(
      z.array(
        doc(
          z.looseObject({
            source: text('Who provides the image.'),
            url: webUrl(),
            // A missing caption is RN015's finding, not a schema error.
            caption: doc(z.string(), 'The image caption.', 'a string').optional(),
          }),
          'An image source.',
          'a map with source, url and caption',
        ),
      ),
      'Image sources, each with a source, a URL and a caption.',
      'a list of maps with source, url and caption',
    )),
    payload: () => postOnly(doc(
      z.looseObject({
        source_id: text('The generator source id.'),
        generator: text('What generated the note.'),
        paragraphs: wholeNumber(0, undefined, 'Number of paragraphs.'),
        scenario: text('The scenario.'),
        seed: wholeNumber(0, undefined, 'The generator seed.'),
      }).partial(),
      'Generator payload: source_id, generator, paragraphs, scenario, seed.',
      'a map with source_id, generator, paragraphs, scenario and seed',
    )),
    notes: () => stringList('Free notes shown as a list.'),
    metric: () => doc(
      z.union([
        z.string().trim().min(1),
        z.array(z.string().trim().min(1)),
        z.strictObject({
          name: text('What is measured.'),
          before: doc(z.union([z.number(), z.string()]), 'The value before the change.', 'a number or a string'),
          after: doc(z.union([z.number(), z.string()]), 'The value after the change.', 'a number or a string'),
          unit: text('The unit.'),
        }).partial(),
      ]),
      'The metric that shows the effect: a string, a list, or a map of name, before, after and unit.',
      'a string, a list of strings, or a map with name, before, after and unit',
    ),
    files_touched: () => stringList('The files the change touched.'),
  };
}

const builders = lazy(keyBuilders);
const builtKeys = new Map<string, z.ZodType>();

/** The schema of one known key, built on its first use; undefined for a key the schema does not know. */
export function keySchema(key: string): z.ZodType | undefined {
  let schema = builtKeys.get(key);
  if (!schema) {
    const build = Object.prototype.hasOwnProperty.call(builders(), key) ? builders()[key] : undefined;
    if (!build) return undefined;
    schema = build();
    builtKeys.set(key, schema);
  }
  return schema;
}

/** The schema of every known key, in the order the post-meta box shows them (builds them all: for hovers, completion and the key lists). */
export const frontMatterShape = lazy(() => Object.fromEntries(Object.keys(builders()).map((key) => [key, keySchema(key) as z.ZodType])));

/** The whole front matter: every known key optional, unknown keys let through (RN010 reports them). */
export const frontMatterSchema = lazy(() => zod().looseObject(frontMatterShape()).partial());

const schemasForKeys = new Map<string, z.ZodType>();

/**
 * The front matter schema with only the known keys among `keys`: what validating a note with those
 * keys needs, with the same issues as frontMatterSchema gives for it. Kept per set of keys (notes of
 * one repository mostly share a few).
 */
export function frontMatterSchemaFor(keys: Iterable<string>): z.ZodType {
  const present = new Set(keys);
  // In the whole schema's order, so that issues come in the same order as there.
  const known = Object.keys(builders()).filter((key) => present.has(key));
  const id = known.join('\n');
  let schema = schemasForKeys.get(id);
  if (!schema) {
    if (schemasForKeys.size >= 256) schemasForKeys.clear();
    schema = zod().looseObject(Object.fromEntries(known.map((key) => [key, keySchema(key) as z.ZodType]))).partial();
    schemasForKeys.set(id, schema);
  }
  return schema;
}

/** What the renderer and the rules need to know of the schema before (or without) loading zod. */
export interface MetaFacts {
  /** Known keys, in the order the post-meta box shows them: the schema's keys. */
  known: string[];
  /** Keys whose value is a list of strings, where one string is accepted (with an info diagnostic). */
  lists: string[];
  /** Each known key's value shape (valueShape.ts): RN011 checks values against these and loads zod only for a value they refuse. */
  shapes: Record<string, ValueShape>;
}

/** Derives the facts from the schema (loads zod; throws when a key's schema cannot be described as a value shape). */
export function deriveMetaFacts(): MetaFacts {
  const z = zod();
  const shape: Record<string, z.ZodType> = frontMatterShape();
  const known = Object.keys(shape);
  const lists = known.filter((key) => {
    const schema = shape[key];
    return schema instanceof z.ZodArray && schema.element instanceof z.ZodString;
  });
  const shapes = Object.fromEntries(known.map((key) => [key, describeSchema(shape[key] as z.ZodType, key)]));
  return { known, lists, shapes };
}

/**
 * The bundles get the facts computed at build time (scripts/build.mjs defines RUNBOOK_NOTES_META from
 * deriveMetaFacts()), so that knowing the keys and checking valid values does not load zod; run from
 * source (tests, tsx), they are derived here.
 */
declare const RUNBOOK_NOTES_META: MetaFacts | undefined;
const facts: MetaFacts = typeof RUNBOOK_NOTES_META === 'object' ? RUNBOOK_NOTES_META : deriveMetaFacts();

/** Known keys, in the order the post-meta box shows them (the schema's keys). */
export const KNOWN_KEYS: readonly string[] = facts.known;

/** Keys whose value is a list of strings, but where one string is accepted (with an info diagnostic). */
export const LIST_KEYS: ReadonlySet<string> = new Set(facts.lists);

/** The value shape of a known key (see valueShape.ts); undefined for any other key. */
export function keyValueShape(key: string): ValueShape | undefined {
  return Object.prototype.hasOwnProperty.call(facts.shapes, key) ? facts.shapes[key] : undefined;
}
