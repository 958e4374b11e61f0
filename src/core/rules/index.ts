/** The rule list: the only one. The catalogue, the configuration schema and the docs are derived from it. */
import { checklistIncomplete } from './checklistIncomplete';
import { checklistMissing } from './checklistMissing';
import { commandMissing } from './commandMissing';
import { expectedResultMissing } from './expectedResultMissing';
import { fieldMissing } from './fieldMissing';
import { filesTouchedMissing } from './filesTouchedMissing';
import { frontMatterSyntax } from './frontMatterSyntax';
import { imageCaptionMissing } from './imageCaptionMissing';
import { metaInvalid } from './metaInvalid';
import { metaUnknownKey } from './metaUnknownKey';
import { metricMissing } from './metricMissing';
import { ownerMissing } from './ownerMissing';
import { ownerUnknown } from './ownerUnknown';
import { placeholderValue } from './placeholderValue';
import { reasonMissing } from './reasonMissing';
import { reviewStale } from './reviewStale';
import { rollbackMissing } from './rollbackMissing';
import type { Rule } from './rule';
import { sectionDuplicate } from './sectionDuplicate';
import { sectionEmpty } from './sectionEmpty';
import { hasImagesMismatch } from './hasImagesMismatch';
import { readingTimeMismatch } from './readingTimeMismatch';
import { paragraphsMismatch } from './paragraphsMismatch';
import { checklistMismatch } from './checklistMismatch';
import { imageSourcesMismatch } from './imageSourcesMismatch';
import { rollbackVague } from './rollbackVague';
import { destructiveWithoutRollback } from './destructiveWithoutRollback';
import { frontMatterSchema } from './frontMatterSchema';

export const RULES: readonly Rule[] = [
  ownerMissing,
  rollbackMissing,
  metricMissing,
  expectedResultMissing,
  reasonMissing,
  filesTouchedMissing,
  commandMissing,
  sectionEmpty,
  placeholderValue,
  checklistIncomplete,
  metaInvalid,
  metaUnknownKey,
  reviewStale,
  frontMatterSyntax,
  imageCaptionMissing,
  sectionDuplicate,
  fieldMissing,
  checklistMissing,
  ownerUnknown,
  hasImagesMismatch,
  readingTimeMismatch,
  paragraphsMismatch,
  checklistMismatch,
  imageSourcesMismatch,
  rollbackVague,
  destructiveWithoutRollback,
  frontMatterSchema,
];

const byIdOrName = new Map<string, Rule>();
for (const rule of RULES) {
  byIdOrName.set(rule.id, rule);
  byIdOrName.set(rule.name, rule);
}

/** A rule by its id (`RN003`) or name (`metric-missing`). */
export function findRule(idOrName: string): Rule | undefined {
  return byIdOrName.get(idOrName) ?? byIdOrName.get(idOrName.toUpperCase());
}

export type { Rule, RuleContext } from './rule';
