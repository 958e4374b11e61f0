/**
 * Fixture notes carry their expected findings in HTML comments at the end:
 *
 *   <!-- expect RN002 1:1-1:4 "No rollback note" -->   a finding: rule, start-end (1-based, end exclusive), message part
 *   <!-- expect RN016 9:1-9:12 "Second" related 5:1-5:12 -->  ... and the ranges of its related locations, in order
 *   <!-- expect none -->                              the folder's rule must not fire
 *   <!-- path runbooks/x.md -->                       lint as if the note had this path (for kinds found by glob)
 *
 * A fixture is compared for the rule of its folder (`RN002-rollback-missing`) only, unless it
 * says `<!-- expect-all -->`, when every rule's findings are compared.
 */
export interface ExpectedFinding {
  ruleId: string;
  start: { line: number; column: number };
  end: { line: number; column: number };
  message?: string;
  /** The related locations' ranges (`related 5:1-5:12, 7:1-7:4`), when the fixture states them. */
  related?: { start: { line: number; column: number }; end: { line: number; column: number } }[];
}

export interface FixtureExpectations {
  findings: ExpectedFinding[];
  none: boolean;
  all: boolean;
  path?: string;
}

const EXPECT = /<!--\s*expect\s+(RN\d{3})\s+(\d+):(\d+)-(\d+):(\d+)(?:\s+"([^"]*)")?(?:\s+related\s+([\d:,\s-]+?))?\s*-->/g;
const RANGE = /(\d+):(\d+)-(\d+):(\d+)/g;

export function readExpectations(text: string): FixtureExpectations {
  const findings: ExpectedFinding[] = [];
  for (const match of text.matchAll(EXPECT)) {
    findings.push({
      ruleId: match[1] as string,
      start: { line: Number(match[2]), column: Number(match[3]) },
      end: { line: Number(match[4]), column: Number(match[5]) },
      message: match[6],
      related: match[7]
        ? [...match[7].matchAll(RANGE)].map((range) => ({
            start: { line: Number(range[1]), column: Number(range[2]) },
            end: { line: Number(range[3]), column: Number(range[4]) },
          }))
        : undefined,
    });
  }
  return {
    findings,
    none: /<!--\s*expect\s+none\s*-->/.test(text),
    all: /<!--\s*expect-all\s*-->/.test(text),
    path: /<!--\s*path\s+(\S+)\s*-->/.exec(text)?.[1],
  };
}
