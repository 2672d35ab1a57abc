import { expect, it } from 'vitest';
import { FIELDS } from './domain/fields.js';
import { procedureCatalogue } from './reference.js';

it("lists the catalogue's procedure fields, in its order (the web's field filter and labels)", () => {
  const catalogue = procedureCatalogue();
  expect([...FIELDS]).toEqual(Object.keys(catalogue.fields));
  // Every field but `khac` (imported procedures of a field the catalogue does not name) has procedures.
  expect(new Set(catalogue.procedures.map((p) => p.field))).toEqual(new Set(FIELDS.filter((f) => f !== 'khac')));
});
