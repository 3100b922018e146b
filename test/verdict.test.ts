import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readClaim } from '../src/claims/reader';
import { judgeHypothesis } from '../src/pipeline/verdict';
import { claimReadOptions } from '../src/claims/claimService';
import { graphql } from './gql';
import { expectedResult, SALES_CSV } from './helpers/data';
import { ok } from './helpers/graphql';
import { seedDataset } from './helpers/seed';
import { startServer, type TestServer } from './helpers/server';

const Judge = graphql(`
  mutation JudgeHypotheses($input: InvestigateIssuesInput!) {
    investigateIssues(input: $input) {
      id
      investigations {
        id
        status
        verdict {
          status
          claimed
          measured
          explanation
        }
      }
      events {
        type
        investigationId
        data
      }
    }
  }
`);

const StoredVerdict = graphql(`
  query StoredVerdict($id: ID!) {
    investigation(id: $id) {
      verdict {
        status
        claimed
        measured
      }
    }
  }
`);

describe('reading the claim of a hypothesis', () => {
  const read = (description: string, type = 'missing_values', columns: string[] = []) => readClaim(description, claimReadOptions(type, columns));
  it.each([
    ['revenue has 23% missing values', { share: { comparator: 'EQ', value: 23 } }],
    ['revenue is missing in 1,093 of 5,012 rows (21.8%)', { share: { value: 21.8 }, count: { value: 1093, subject: ['rows'] } }],
    ['over 40 percent of rows lack a supplier', { share: { value: 40, comparator: 'GT' } }],
    ['no more than 5% missing', { share: { value: 5, comparator: 'LTE' } }],
    ['about a quarter of the days lack Ozone', { share: { value: 25, comparator: 'ABOUT' } }],
    ['12 duplicate ids', { count: { value: 12, subject: ['duplicate', 'ids'] } }],
    ['about 1,200 rows repeat', { count: { value: 1200, comparator: 'ABOUT' } }],
    ['not more than 10 duplicates', { count: { value: 10, comparator: 'LTE' } }],
    ['more than 1 000 rows repeat', { count: { value: 1000, comparator: 'GT' } }],
    ['orders in 2024 have 12 duplicate ids', { count: { value: 12 } }],
    ['Solar radiation readings are missing on more than 20 days', { polarity: 'PROBLEM', count: { value: 20, comparator: 'GT', subject: ['days'] } }],
    ['600 shipments have no tracking number', { count: { value: 600, subject: ['shipments'] } }],
    ['no missing values in revenue', { polarity: 'RULE', count: { value: 0 } }],
    ['there are no duplicates', { polarity: 'RULE', count: { value: 0 } }],
    // Numbers in several words, and the whole after "of the" / "out of".
    ['More than two hundred city-months lack a price', { count: { value: 200, comparator: 'GT', subject: ['city-months'] } }],
    ['close to eleven hundred rows lack revenue', { count: { value: 1100, comparator: 'ABOUT' } }],
    ['twenty-five rows lack a price', { count: { value: 25, subject: ['rows'] } }],
    ['About a dozen rows are blank', { count: { value: 12, comparator: 'ABOUT' } }],
    ['Pulse was not recorded for a couple of dozen students', { count: { value: 24, comparator: 'ABOUT', subject: ['students'] } }],
    ['Revenue is blank for fewer than ten of the shops', { count: { value: 10, comparator: 'LT', subject: ['shops'] } }],
    // As tickets and chat write them.
    ['approx 1/4 of the revenue values r blank', { share: { value: 25, comparator: 'ABOUT' } }],
    ['revenue left blank in roughly 1 of every 3 rows', { share: { comparator: 'ABOUT' } }],
    ['revenue empty for ~45pct of rows', { share: { value: 45, comparator: 'ABOUT' } }],
    ['revenue missing on 10%+ of days', { share: { value: 10, comparator: 'GTE' } }],
    ['the blank rows are prob from a botched merge of two files', { undecidable: expect.stringContaining('from a botched merge') }],
    ['The Code column holds nothing but digits', { polarity: 'RULE' }],
    ['Both names were cut off by a length limit in the old system', { undecidable: expect.stringContaining('cut off by') }],
    ['half a dozen cars lack mpg', { count: { value: 6, subject: ['cars'] } }],
    ['Ozone is missing on 37 of the 153 days', { count: { value: 37, subject: ['days'] } }],
    ['12 out of 40 cars have no mpg', { count: { value: 12, subject: ['cars'] } }],
    ['The misspellings were introduced by OCR when the tables were digitised', { undecidable: expect.stringContaining('introduced by') }],
    ['sleep_cycle looks to be missing for roughly half the species', { share: { value: 50, comparator: 'ABOUT' } }],
    ['wages missing for ~44 pct of respondents', { share: { value: 44, comparator: 'ABOUT' } }],
    ['The repeated epicentres are the same shocks reported by two networks', { undecidable: expect.stringContaining('the same shocks reported by') }],
  ])('%s', (description, expected) => {
    expect(read(description)).toMatchObject(expected);
  });

  it.each([
    ['prices above $500', 'outliers', ['price'], { bound: { low: 500 } }],
    ['quantity below -1.5', 'outliers', ['quantity'], { bound: { high: -1.5 } }],
    ['over $5k', 'outliers', ['price'], { bound: { low: 5000 } }],
    ['Wind exceeds 20 mph on 5 days', 'out_of_range', ['Wind'], { bound: { low: 20 }, count: { value: 5, subject: ['days'] } }],
    ['Fewer than 7,000 births are recorded on more than 500 days', 'out_of_range', ['births'], { bound: { high: 7000 }, count: { value: 500, comparator: 'GT' } }],
    ['More than 10 diamonds weigh over 4 carats', 'out_of_range', ['carat'], { bound: { low: 4 }, count: { value: 10, comparator: 'GT', subject: ['diamonds'] } }],
    ['One subject\'s weight is recorded as 166 kg', 'outliers', ['weight'], { bound: { reaches: 166 }, count: { value: 1, subject: ['subject'] } }],
    ['Temperature is always between 50 and 100 degrees', 'out_of_range', ['Temp'], { polarity: 'RULE', bound: { low: 50, high: 100 } }],
    // A bound in another unit than the one the column's name carries: in the column's unit.
    ['Body mass stays between 2.5 and 6.5 kg for every bird', 'out_of_range', ['Body Mass (g)'], { polarity: 'RULE', bound: { low: 2500, high: 6500 } }],
    ['No quake is deeper than 0.7 km', 'out_of_range', ['depth_m'], { polarity: 'RULE', bound: { low: 700 } }],
    ['Depth never exceeds 700 km', 'out_of_range', ['depth'], { bound: { low: 700 } }],
    ['Height is no lower than 140 cm', 'out_of_range', ['height'], { polarity: 'RULE', bound: { low: 140, inclusive: true } }],
    ['Hourly wages stay between $1 and $40', 'out_of_range', ['wage'], { polarity: 'RULE', bound: { low: 1, high: 40 } }],
    ['Station distance tops out at 370 km', 'outliers', ['dist'], { polarity: 'PROBLEM', bound: { reaches: 370 } }],
    ['At least 5 but fewer than 10 cereals list more than 200 calories', 'out_of_range', ['calories'], { bound: { low: 200 }, count: { value: 10, comparator: 'LT', subject: ['cereals', 'list'] } }],
    ['Longitudes always lie within -180 to 180 degrees', 'out_of_range', ['long'], { polarity: 'RULE', bound: { low: -180, high: 180 } }],
    ['Chick weights never exceed 400 grams', 'out_of_range', ['weight'], { polarity: 'RULE', negated: true, bound: { low: 400 } }],
    ['The poverty rate is under 20% in every state', 'out_of_range', ['poverty'], { polarity: 'RULE', bound: { high: 20 } }],
    ['Category is never negative', 'out_of_range', ['category'], { polarity: 'RULE', bound: { high: 0 } }],
    // A value of zero, where the type applies the bound itself: zero and below; "non-zero", above zero.
    ['About 20 diamonds have a length, width or depth of zero', 'out_of_range', ['x', 'y', 'z'], { polarity: 'PROBLEM', bound: { high: 0, inclusive: true }, count: { value: 20 } }],
    ['Some prices are 0 in 2023', 'out_of_range', ['price'], { polarity: 'PROBLEM', bound: { high: 0, inclusive: true } }],
    ['The shop has zero prices', 'out_of_range', ['price'], { bound: { high: 0, inclusive: true } }],
    ['Prices are never zero', 'out_of_range', ['price'], { polarity: 'RULE', negated: true, bound: { high: 0, inclusive: true } }],
    ['Price has zero or negative values', 'out_of_range', ['price'], { bound: { high: 0, inclusive: true, text: 'zero or negative' } }],
    ['Price should be non-zero', 'out_of_range', ['price'], { polarity: 'RULE', bound: { low: 0, inclusive: false } }],
    // A negation before a problem's bound makes it a rule that nothing lies beyond it; one after it does not.
    ['Price has no values above 500', 'outliers', ['price'], { polarity: 'RULE', negated: true, bound: { low: 500 } }],
    ['Prices cannot be negative', 'out_of_range', ['price'], { polarity: 'RULE', negated: true, bound: { high: 0 } }],
    ['Wind speeds above 50 are not plausible', 'outliers', ['wind'], { polarity: 'PROBLEM', bound: { low: 50 } }],
    // Ranges after "outside" or "range", and intervals written as such (square brackets: the ends are in).
    ['Some prices fall outside the range 0 to 1000', 'out_of_range', ['price'], { polarity: 'PROBLEM', bound: { low: 0, high: 1000, inclusive: true } }],
    ['The valid price range is 1 to 99', 'out_of_range', ['price'], { polarity: 'RULE', bound: { low: 1, high: 99 } }],
    ['Prices must lie in [0, 1000]', 'out_of_range', ['price'], { polarity: 'RULE', bound: { low: 0, high: 1000, inclusive: true } }],
    ['Price should be within (0, 1000)', 'out_of_range', ['price'], { polarity: 'RULE', bound: { low: 0, high: 1000, inclusive: false } }],
    // A value named before its number ("the limit of 500"), a compared value after "of", zero "recorded as" such.
    ['Nine orders have a price below the 2024 list minimum of $3.50', 'out_of_range', ['price'], { bound: { high: 3.5, inclusive: false }, count: { value: 9 } }],
    ['Two loads exceed the legal limit of 40 tonnes', 'outliers', ['load'], { bound: { low: 40 } }],
    ['Six workers earn below $3/hour', 'out_of_range', ['wage'], { bound: { high: 3 }, count: { value: 6 } }],
    ['The heaviest parcel has a weight of over 30', 'outliers', ['weight'], { bound: { low: 30, inclusive: false } }],
    ['Some widths are recorded as zero', 'out_of_range', ['width'], { bound: { high: 0, inclusive: true } }],
    ['Some widths are recorded as 0', 'outliers', ['width'], { bound: { reaches: 0 } }],
    // A clause opening on "some" claims that such values exist, whatever its verb.
    ['Some prices are at least 500', 'out_of_range', ['price'], { polarity: 'PROBLEM', bound: { low: 500, inclusive: true } }],
  ])('%s (%s)', (description, type, columns, expected) => {
    expect(read(description, type, columns)).toMatchObject(expected);
  });

  it.each([
    ['supplier names are spelled five ways', 'categorical_variation', { count: { value: 5, subject: ['ways'] } }],
    ['at least 3 variation groups', 'categorical_variation', { count: { value: 3, comparator: 'GTE' } }],
    ['Some firms appear under more than one spelling', 'categorical_variation', { count: { value: 1, comparator: 'GT', subject: ['spelling'] } }],
    ['the supplier "50% off Ltd" is spelled 3 ways', 'categorical_variation', { count: { value: 3 } }],
    ['transaction ids repeat more than 50 times', 'duplicates', { occurrences: { value: 50, comparator: 'GT' } }],
  ])('%s (%s: a count of what the type counts itself)', (description, type, expected) => {
    const reading = read(description, type);
    expect(reading).toMatchObject(expected);
    expect(reading.bound).toBeUndefined();
  });

  it.each([
    ['ids are unique', 'duplicates', []],
    ['Each firm has exactly one row per year', 'duplicates', ['firm', 'year']],
    ['age = education + experience + 6', 'cross_column', ['age', 'education', 'experience']],
    ['Nobody over-reports their height by more than 10 cm: repht <= height + 10', 'cross_column', ['repht', 'height']],
    ['Every state abbreviation is two capital letters', 'invalid_format', ['abb']],
  ])('"%s" is a rule, its numbers not claims', (description, type, columns) => {
    const reading = read(description, type, columns);
    expect(reading.polarity).toBe('RULE');
    expect(reading.count).toBeUndefined();
    expect(reading.share).toBeUndefined();
  });

  it.each([
    'Ozone values are missing because the monitor was down for maintenance',
    "Jabba's mass was entered in pounds instead of kilograms",
    'Wind speeds before 1990 were estimated rather than measured',
  ])('"%s" claims a cause no value can show', (description) => expect(read(description, 'missing_values', ['Ozone']).undecidable).toMatch(/cause/));

  it.each([
    'transaction ids repeat',
    'prices spike',
    'dates after 2024-01-31 are wrong',
    'ids T001 to T200 repeat',
    'supplier names vary',
    'orders in 2024 have duplicate ids',
    'sales in Q4 2023 are missing',
    'top 10 customers have duplicate records',
    'Some prices lie more than 3 standard deviations from the mean',
    'prices over 1.5x the median',
    'orders with no customer ids',
    'rows without values in revenue',
    'ids > 1e6',
  ])('finds no figure in "%s"', (description) => {
    const reading = read(description);
    // "Some prices …" counts vaguely (at least one), which is no figure.
    expect([reading.share, reading.bound, reading.count?.vague ? undefined : reading.count]).toEqual([undefined, undefined, undefined]);
  });

  it('reads a value of zero as a bound only for a type that applies bounds itself', () => {
    expect(read('prices are zero in 12 rows', 'out_of_range', ['price'])).toMatchObject({ bound: { high: 0 }, count: { value: 12 } });
    expect(read('prices are zero in 12 rows', 'outliers', ['price']).bound).toBeUndefined();
    expect(read('There are zero missing values', 'out_of_range', ['price']).bound).toBeUndefined();
  });

  it('reads "z>3" as a multiple, and a count "in every col" as a count of rows', () => {
    expect(read('income outliers (z>3) on about 40 respondents', 'outliers', ['income'])).toMatchObject({ count: { value: 40 } });
    expect(read('income outliers (z>3) on about 40 respondents', 'outliers', ['income']).bound).toBeUndefined();
    expect(read('approx 1.5k diamonds show up twice w/ identical values in every col', 'duplicates')).toMatchObject({ polarity: 'PROBLEM', count: { value: 1500, subject: ['diamonds'] } });
  });

  it("ignores digits in the investigated columns' names", () => {
    expect(read('address_line 2 is missing', 'missing_values', ['address_line 2']).count).toBeUndefined();
    expect(read('address_line 2 is missing in 40 rows', 'missing_values', ['address_line 2']).count).toMatchObject({ value: 40 });
  });
});

describe('judging a result', () => {
  const result = (extra: Record<string, unknown> = {}) => ({
    status: 'SUCCEEDED',
    output: { issue_type: 'x', columns: [], rows_analyzed: 1000, affected_count: 230, affected_percentage: 23, affected_rows: [], ...extra },
  });
  const judge = (type: string, description: string, extra?: Record<string, unknown>) => judgeHypothesis({ type, description }, result(extra));

  it('holds a percentage to max(2 points, 10% of the claim)', () => {
    expect(judge('missing_values', '21% missing').status).toBe('CONFIRMED');
    expect(judge('missing_values', '25% missing').status).toBe('CONFIRMED');
    expect(judge('missing_values', '25.1% missing').status).toBe('CONFIRMED'); // 10% of 25.1 is 2.51
    expect(judge('missing_values', '20.5% missing').status).toBe('REFUTED');
    expect(judge('missing_values', '60% missing')).toMatchObject({ status: 'REFUTED', claimed: 60, measured: 23 });
    expect(judge('missing_values', 'more than 20% missing').status).toBe('CONFIRMED');
    expect(judge('missing_values', 'less than 20% missing').status).toBe('REFUTED');
  });

  it('holds a count to max(1, 5%), 10% when hedged, and reads which figure a noun means', () => {
    expect(judge('duplicates', '231 duplicate rows').status).toBe('CONFIRMED');
    expect(judge('duplicates', '245 duplicate rows').status).toBe('REFUTED'); // 5% of 245 is 12.25 < 15
    expect(judge('duplicates', 'about 250 duplicate rows').status).toBe('CONFIRMED');
    const ids = judge('duplicates', '12 duplicate ids', { unique_duplicate_ids: 12 });
    expect(ids).toMatchObject({ status: 'CONFIRMED', claimed: 12, measured: 12 });
    expect(ids.explanation).toMatch(/distinct repeated keys/);
    const groups = [{ variants: ['Acme', 'ACME', 'Acme Inc', 'acme', 'Acme.'] }, { variants: ['Globex', 'Globex.'] }];
    expect(judge('categorical_variation', 'supplier names are spelled five ways', { variation_groups: groups })).toMatchObject({ status: 'CONFIRMED', measured: 5 });
    expect(judge('categorical_variation', 'spelled seven ways', { variation_groups: groups })).toMatchObject({ status: 'CONFIRMED', measured: 7 }); // 5 + 2 spellings
    expect(judge('categorical_variation', 'spelled three ways', { variation_groups: groups }).status).toBe('REFUTED');
    expect(judge('categorical_variation', '2 variation groups', { variation_groups: groups, total_variation_groups: 2 })).toMatchObject({ status: 'CONFIRMED', measured: 2 });
    expect(judge('missing_values', 'no missing values').status).toBe('REFUTED');
    expect(judge('whitespace_case', 'supplier is written 3 ways').status).toBe('INCONCLUSIVE'); // no figure for "ways"
    expect(judge('duplicates', '10 customers').status).toBe('INCONCLUSIVE');
    // Rows of a repeated key: the copies beyond each key's first (230 - 115), or every such row (230).
    expect(judge('duplicates', 'about 115 order rows repeat an earlier one', { unique_duplicate_ids: 115 })).toMatchObject({ status: 'CONFIRMED', measured: 115 });
    expect(judge('duplicates', '~230 storm obs share a timestamp w/ another obs', { unique_duplicate_ids: 115 })).toMatchObject({ status: 'CONFIRMED', measured: 230 });
    expect(judge('duplicates', '~170 storm obs share a timestamp w/ another obs', { unique_duplicate_ids: 115 }).status).toBe('REFUTED');
    expect(judge('missing_values', 'no more than 5% missing').status).toBe('REFUTED');
    expect(judge('missing_values', 'no more than 23% missing').status).toBe('CONFIRMED');
  });

  it('holds a bound when some value lies beyond it', () => {
    expect(judge('outliers', 'prices above $500', { max: 9999.99 })).toMatchObject({ status: 'CONFIRMED', claimed: 500, measured: 9999.99 });
    expect(judge('outliers', 'prices above $50,000', { max: 9999.99 }).status).toBe('REFUTED');
    expect(judge('outliers', 'prices below 0', { min: 0.5 }).status).toBe('REFUTED');
    expect(judge('out_of_range', 'quantity above 100').status).toBe('CONFIRMED'); // no extremes: rows beyond it
    expect(judge('missing_values', 'revenue above 100').status).toBe('INCONCLUSIVE');
  });

  it('without a figure, confirms when anything is affected; without a result, is inconclusive', () => {
    expect(judge('duplicates', 'ids repeat').status).toBe('CONFIRMED');
    expect(judge('duplicates', 'ids repeat', { affected_count: 0, affected_percentage: 0 })).toMatchObject({ status: 'REFUTED', measured: 0 });
    expect(judgeHypothesis({ type: 'duplicates', description: '12 ids' }, { status: 'FAILED', output: null })).toMatchObject({ status: 'INCONCLUSIVE', claimed: 12, measured: null });
  });
});

describe('judging by polarity', () => {
  const output = (extra: Record<string, unknown> = {}) => ({
    status: 'SUCCEEDED',
    output: { issue_type: 'x', columns: [], rows_analyzed: 1000, affected_count: 0, affected_percentage: 0, affected_rows: [], ...extra },
  });
  const judge = (type: string, description: string, extra?: Record<string, unknown>, columns: string[] = []) =>
    judgeHypothesis({ type, description, affectedColumns: columns }, output(extra));

  it('holds a rule stated when no row breaks it, and says so about the statement as written', () => {
    const holds = judge('duplicates', 'Each calendar date appears once', {}, ['date']);
    expect(holds).toMatchObject({ status: 'CONFIRMED', measured: 0 });
    expect(holds.explanation).toMatch(/^Read as a rule that should hold on every row: it holds/);
    const broken = judge('cross_column', 'Min.Price never exceeds Price', { affected_count: 3, affected_percentage: 0.3 }, ['Min.Price', 'Price']);
    expect(broken).toMatchObject({ status: 'REFUTED', measured: 3 });
    expect(broken.explanation).toMatch(/it does not hold, 3 of 1,000 rows/);
    // The relation's constant is not a claimed figure.
    expect(judge('cross_column', 'age = education + experience + 6', {}, ['age', 'education', 'experience'])).toMatchObject({ status: 'CONFIRMED', claimed: null });
  });

  it("reads a universal whose predicate is the type's problem as every row affected, not as a rule", () => {
    const all = { affected_count: 1000, affected_percentage: 100 };
    for (const [type, description] of [
      ['missing_values', 'Revenue is missing in every row'],
      ['missing_values', 'All revenue values are blank'],
      ['missing_values', 'Revenue is always missing'],
      ['duplicates', 'Every order id is duplicated'],
    ] as const) {
      expect(judge(type, description, all, ['revenue']), description).toMatchObject({ status: 'CONFIRMED', measured: 100 });
      expect(judge(type, description, {}, ['revenue']), description).toMatchObject({ status: 'REFUTED', measured: 0 });
    }
    // A universal of the good state, or a negated problem, is the rule it states.
    expect(judge('missing_values', 'Revenue is never missing', {}, ['revenue']).status).toBe('CONFIRMED');
    expect(judge('missing_values', 'Revenue is present in every row', all, ['revenue']).status).toBe('REFUTED');
    expect(judge('duplicates', 'Each order id appears only once', {}, ['order_id']).status).toBe('CONFIRMED');
    // "Nearly all": a share of at least 90%, not a rule.
    expect(judge('missing_values', 'Nearly all revenue values are missing', { affected_count: 950, affected_percentage: 95 }, ['revenue'])).toMatchObject({ status: 'CONFIRMED', claimed: 90 });
    expect(judge('missing_values', 'Almost every row lacks revenue', { affected_count: 600, affected_percentage: 60 }, ['revenue']).status).toBe('REFUTED');
  });

  it('reads a rule denied ("not unique", "not always below") as a problem, and "without" the problem as none of it', () => {
    const some = { affected_count: 10, affected_percentage: 1 };
    expect(judge('duplicates', 'Order ids are not unique', some, ['order_id']).status).toBe('CONFIRMED');
    expect(judge('duplicates', "Order ids aren't always unique", {}, ['order_id']).status).toBe('REFUTED');
    expect(judge('duplicates', 'Not every order id is distinct', some, ['order_id']).status).toBe('CONFIRMED');
    // The denied rule's bound: the values beyond it are claimed (500 and above).
    expect(readClaim('Prices are not always below 500', claimReadOptions('out_of_range', ['price']))).toMatchObject({ polarity: 'PROBLEM', bound: { low: 500, inclusive: true } });
    expect(judge('outliers', 'Prices are not always below 500', { max: 500, min: 3, mean: 40 }, ['price']).status).toBe('CONFIRMED');
    expect(judge('outliers', 'Prices are not always below 500', { max: 499, min: 3, mean: 40 }, ['price']).status).toBe('REFUTED');
    expect(judge('outliers', 'Prices are normally distributed without outliers', some, ['price']).status).toBe('REFUTED');
    expect(judge('outliers', 'Prices are normally distributed without outliers', {}, ['price']).status).toBe('CONFIRMED');
    expect(judge('missing_values', 'Revenue is complete, without missing values', some, ['revenue']).status).toBe('REFUTED');
  });

  it('reads data tests and tickets: expectations, checklists, count(*), a name with parentheses, "…, but one row …"', () => {
    const some = { affected_count: 2, affected_percentage: 0.2 };
    for (const [type, description, columns] of [
      ['invalid_format', 'expect Cylinders values to be integers', ['Cylinders']],
      ['whitespace_case', 'expect name to be trimmed (no leading/trailing whitespace)', ['name']],
      ['categorical_variation', 'expect hair_color to have exactly one spelling per colour', ['hair_color']],
      ['invalid_format', '[x] date is a valid date (yyyy/mm/dd) on every row', ['date']],
      ['missing_values', 'Body Mass (g) should never be null', ['Body Mass (g)']],
      ['duplicates', 'one row per (firm, year) - no dupes on the key', ['firm', 'year']],
      ['categorical_variation', '[x] cut levels are canonical - no spelling variants', ['cut']],
      ['invalid_format', 'count(*) where Year fails date parse = 0', ['Year']],
      // A column's name inside another word ("id" in "valid") is not the column.
      ['invalid_format', 'id values are valid ISBNs', ['id']],
    ] as const) {
      // A rule: it holds when no row is affected, and is broken by any.
      expect(judge(type, description, {}, [...columns]).status, description).toBe('CONFIRMED');
      expect(judge(type, description, some, [...columns]).status, description).toBe('REFUTED');
    }
    // A count of rows in SQL; a rule stated, then the rows that break it: a problem with that count.
    expect(judge('missing_values', 'count(*) where Solar.R is null = 7', { affected_count: 7, affected_percentage: 4.6 }, ['Solar.R'])).toMatchObject({ status: 'CONFIRMED', claimed: 7 });
    expect(judge('missing_values', 'count(*) where Solar.R is null = 7', some, ['Solar.R'])).toMatchObject({ status: 'REFUTED', claimed: 7 });
    const butOne = 'Cylinders should be a count, but one car has a non-numeric entry there.';
    expect(judge('invalid_format', butOne, { affected_count: 1, affected_percentage: 0.1 }, ['Cylinders'])).toMatchObject({ status: 'CONFIRMED', claimed: 1 });
    expect(judge('invalid_format', butOne, {}, ['Cylinders']).status).toBe('REFUTED');
    // "more than a dozen of the landmasses" counts landmasses; "within 0..50" and "a length of 0 mm" are bounds.
    expect(readClaim('We think more than a dozen of the landmasses are statistical outliers by area.', claimReadOptions('outliers', ['area']))).toMatchObject({
      polarity: 'PROBLEM',
      count: { comparator: 'GT', value: 12, subject: ['landmasses'] },
    });
    expect(readClaim('We think more than a dozen of the landmasses are statistical outliers by area.', claimReadOptions('outliers', ['area'])).bound).toBeUndefined();
    expect(readClaim('temperature must be within 0..50', claimReadOptions('out_of_range', ['temperature']))).toMatchObject({ polarity: 'RULE', bound: { low: 0, high: 50, inclusive: true } });
    expect(readClaim('Eight stones have a length (x) of 0 mm.', claimReadOptions('out_of_range', ['x']))).toMatchObject({
      polarity: 'PROBLEM',
      count: { value: 8 },
      bound: { high: 0, inclusive: true },
    });
  });

  it('reads profiling notes and questions: "min ≥ 1", "b/c", "variant groups", "two spaces", "consistent … throughout"', () => {
    // The smallest value bounded is a rule on every value; the largest beyond a bound, a problem.
    expect(readClaim('yrs.service min ≥ 1', claimReadOptions('out_of_range', ['yrs.service']))).toMatchObject({ polarity: 'RULE', bound: { low: 1, inclusive: true } });
    expect(readClaim('price max > 1000', claimReadOptions('out_of_range', ['price']))).toMatchObject({ polarity: 'PROBLEM', bound: { low: 1000, inclusive: false } });
    expect(readClaim('prices: min >= 0, max <= 500', claimReadOptions('out_of_range', ['price']))).toMatchObject({ polarity: 'RULE', bound: { low: 0, high: 500, inclusive: true } });
    expect(readClaim('About twenty stones have a depth of zero millimetres.', claimReadOptions('out_of_range', ['z']))).toMatchObject({ count: { value: 20 }, bound: { high: 0, inclusive: true } });
    // "b/c" gives a cause.
    expect(judge('missing_values', 'birth_year: 44/87 NAs — b/c canon never states it', { affected_count: 44, affected_percentage: 50.6 }, ['birth_year']).status).toBe('INCONCLUSIVE');
    // "variant groups" counts groups, not the spellings in one.
    const oneGroup = { affected_count: 4, affected_percentage: 4.6, total_variation_groups: 1, variation_groups: [{ variants: ['blond', 'blonde'], variant_counts: [3, 1], count: 4, canonical: 'blond' }] };
    expect(judge('categorical_variation', 'hair_color: ≥ 2 variant groups', oneGroup, ['hair_color'])).toMatchObject({ status: 'REFUTED', measured: 1 });
    // How a value is spaced is not a count; "consistent … throughout" is a rule.
    expect(judge('whitespace_case', 'Are there airport names typed with two spaces between words?', { affected_count: 12, affected_percentage: 0.4 }, ['name']).status).toBe('CONFIRMED');
    expect(judge('whitespace_case', "The penguins' sex is recorded in one consistent letter case throughout.", {}, ['Sex']).status).toBe('CONFIRMED');
    expect(judge('whitespace_case', "The penguins' sex is recorded in one consistent letter case throughout.", { affected_count: 3, affected_percentage: 0.9 }, ['Sex']).status).toBe('REFUTED');
    // Case-only variant pairs are counted as the groups of case variants; other nouns count rows.
    const oneCaseGroup = { affected_count: 1, affected_percentage: 0.03, by_column: [{ column: 'city', whitespace_count: 0, case_variant_count: 1, case_groups: [{ variants: ['Lafayette', 'LaFayette'], count: 4, canonical: 'Lafayette' }] }] };
    expect(judge('whitespace_case', 'city: > 5 case-only variant pairs (LaFayette vs Lafayette …)', oneCaseGroup, ['city'])).toMatchObject({ status: 'REFUTED', measured: 1 });
    expect(judge('whitespace_case', 'city: one case-only variant pair', oneCaseGroup, ['city'])).toMatchObject({ status: 'CONFIRMED', measured: 1 });
    expect(judge('whitespace_case', 'About 40 airport names have doubled spaces', { affected_count: 41, affected_percentage: 1.2 }, ['name'])).toMatchObject({ status: 'CONFIRMED', measured: 41 });
    // "more than once" with no key repeated: refuted, not left open.
    const noRepeat = { affected_count: 0, affected_percentage: 0, unique_duplicate_ids: 0 };
    expect(judge('duplicates', 'Does any calendar date appear more than once?', noRepeat, ['year', 'month', 'day']).status).toBe('REFUTED');
    expect(judge('duplicates', 'Does any calendar date appear more than once?', { affected_count: 6, affected_percentage: 0.1, unique_duplicate_ids: 3 }, ['year', 'month', 'day']).status).toBe('CONFIRMED');
  });

  it('judges a rule with a bound by the extremes where the type does not apply it', () => {
    const extremes = { mean: 200, min: 35, max: 423 };
    expect(judge('outliers', 'Weight has no values above 400', extremes, ['weight'])).toMatchObject({ status: 'REFUTED', measured: 423 });
    expect(judge('outliers', 'Weight has no values above 450', extremes, ['weight'])).toMatchObject({ status: 'CONFIRMED', measured: 423 });
    expect(judge('outliers', 'Chick weights never exceed 400 grams', extremes, ['weight'])).toMatchObject({ status: 'REFUTED', measured: 423 });
    expect(judge('outliers', 'Every weight is at least 30', extremes, ['weight'])).toMatchObject({ status: 'CONFIRMED', measured: 35 });
    expect(judge('outliers', 'Weight is always between 40 and 500', extremes, ['weight']).status).toBe('REFUTED');
  });

  it('is inconclusive about a claimed cause, whatever the figures', () => {
    const v = judge('missing_values', 'Ozone is missing because the monitor was down', { affected_count: 37, affected_percentage: 3.7 }, ['Ozone']);
    expect(v.status).toBe('INCONCLUSIVE');
    expect(v.explanation).toMatch(/cause/);
  });

  it('counts the spellings of groups that look like misspellings, not of names that merely look alike', () => {
    const groups = [
      { variants: ['Ivan', 'Ian'], count: 155, canonical: 'Ivan', variant_counts: [141, 14] },
      { variants: ['Chrysler', 'Chrylser'], count: 3, canonical: 'Chrysler', variant_counts: [2, 1] },
    ];
    const extra = { variation_groups: groups, total_variation_groups: 2, affected_count: 15, affected_percentage: 1.5 };
    expect(judge('categorical_variation', 'Several storm names are spelled three ways', extra)).toMatchObject({ status: 'REFUTED', measured: 2 });
    expect(judge('categorical_variation', 'Chrysler is spelled two ways', extra)).toMatchObject({ status: 'CONFIRMED', measured: 2 });
    expect(judge('categorical_variation', 'Two manufacturers appear under two spellings', extra)).toMatchObject({ status: 'REFUTED', measured: 1 });
  });
});

describe('verdicts through the API', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('judges every hypothesis against the measured figures, stores the verdict and puts it in the final event', async () => {
    const datasetId = await seedDataset(server.url, SALES_CSV);
    const missing = expectedResult(SALES_CSV, 'missing_values', ['revenue']);
    const duplicates = expectedResult(SALES_CSV, 'duplicates', ['transaction_id']);
    const outliers = expectedResult(SALES_CSV, 'outliers', ['price']);
    const pct = (missing.affected_count / missing.rows_analyzed) * 100;
    const variation = expectedResult(SALES_CSV, 'categorical_variation', ['supplier']);
    const spellings = variation.groups.reduce((n: number, g: { variants: string[] }) => n + g.variants.length, 0);
    const issues = [
      { type: 'missing_values', description: `revenue has ${Math.round(pct)}% missing values`, affectedColumns: ['revenue'] },
      { type: 'missing_values', description: `revenue has ${Math.round(pct) + 20}% missing values`, affectedColumns: ['revenue'] },
      { type: 'duplicates', description: `${duplicates.unique_duplicate_ids} duplicate transaction ids`, affectedColumns: ['transaction_id'] },
      { type: 'outliers', description: `prices above $${Math.floor(outliers.max) + 1}`, affectedColumns: ['price'] },
      { type: 'missing_values', description: 'customers are missing', affectedColumns: ['customer_id'] },
      { type: 'categorical_variation', description: `supplier names are spelled ${spellings} ways`, affectedColumns: ['supplier'] },
      { type: 'outliers', description: '12 spikes', affectedColumns: ['nope'] },
    ];
    const { investigateIssues: run } = await ok(server.url, Judge, { input: { datasetId, issues, codegen: 'TEMPLATE', wait: true } });
    const verdicts = run.investigations.map((i) => i.verdict!);
    expect(verdicts[0]).toMatchObject({ status: 'CONFIRMED', claimed: Math.round(pct) });
    expect(verdicts[0]!.measured).toBeCloseTo(pct, 9);
    expect(verdicts[1]).toMatchObject({ status: 'REFUTED', claimed: Math.round(pct) + 20 });
    expect(verdicts[2]).toMatchObject({ status: 'CONFIRMED', claimed: duplicates.unique_duplicate_ids, measured: duplicates.unique_duplicate_ids });
    expect(verdicts[3]).toMatchObject({ status: 'REFUTED', claimed: Math.floor(outliers.max) + 1, measured: outliers.max });
    const customersMissing = expectedResult(SALES_CSV, 'missing_values', ['customer_id']).affected_count;
    expect(verdicts[4]).toMatchObject({ status: customersMissing > 0 ? 'CONFIRMED' : 'REFUTED', claimed: null, measured: customersMissing });
    expect(verdicts[5]).toMatchObject({ status: 'CONFIRMED', claimed: spellings, measured: spellings });
    expect(run.investigations[6]!.status).toBe('FAILED');
    expect(verdicts[6]).toMatchObject({ status: 'INCONCLUSIVE', claimed: 12, measured: null });

    for (const inv of run.investigations) {
      const final = run.events.find((e) => e.investigationId === inv.id && /^INVESTIGATION_(SUCCEEDED|FAILED)$/.test(e.type))!;
      expect(final.data.verdict).toEqual(inv.verdict);
      const { investigation } = await ok(server.url, StoredVerdict, { id: inv.id });
      expect(investigation!.verdict).toEqual({ status: inv.verdict!.status, claimed: inv.verdict!.claimed, measured: inv.verdict!.measured });
    }
  });
});
