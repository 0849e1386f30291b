/** The content hash a project records: same content → same hash, whatever the key order. */
import fc from 'fast-check';
import { canonicalJson, contentHash } from '../../../definitions/process/hash';
import { definitionRef, nationalFourStage, parseDefinition, wuhanIndustrial } from '../../../definitions/process';
import { wuhanIndustrialV2 } from '../../../definitions/process/builtin/wuhan-industrial-v2';
import { wuhanIndustrialV3 } from '../../../definitions/process/builtin/wuhan-industrial-v3';
import { wuhanIndustrialV4 } from '../../../definitions/process/builtin/wuhan-industrial-v4';

/** Rebuilds every object with its keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reverseKeys(v)]),
    );
  }
  return value;
}

test('canonical JSON sorts keys at every level, keeps array order, drops undefined members', () => {
  expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
  expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
});

test('sha256 of the canonical JSON (known vector)', () => {
  // sha256('"abc"'): the JSON string, quotes included.
  expect(contentHash('abc')).toBe('6cc43f858fbb763301637b5af970e2a46b46f461f27e5a0f41e009c59b827b25');
});

test('key order never changes the hash (property)', () => {
  fc.assert(fc.property(fc.jsonValue(), (value) => contentHash(value) === contentHash(reverseKeys(value))));
});

test('a definition hashes the same whatever the key order or omitted defaults, and differently when content changes', () => {
  const a = definitionRef(parseDefinition(wuhanIndustrial));
  expect(definitionRef(parseDefinition(reverseKeys(wuhanIndustrial)))).toEqual(a);
  // Defaults filled by parsing are part of the content: writing them out changes nothing.
  expect(definitionRef(parseDefinition(JSON.parse(JSON.stringify(parseDefinition(wuhanIndustrial)))))).toEqual(a);
  const changed = structuredClone(parseDefinition(wuhanIndustrial));
  changed.stages[0]!.items[1]!.promisedLimit = 6;
  expect(definitionRef(parseDefinition(changed)).hash).not.toBe(a.hash);
});

test('published built-ins never change: editing one needs a new version', () => {
  // If this fails you edited a published definition. Restore it and publish the change as version 2.
  expect(definitionRef(parseDefinition(wuhanIndustrial))).toEqual({
    id: 'wuhan-industrial',
    version: 1,
    hash: 'f1f43c0e7938e44208ecbaadc65b7957977eb96414043168cb8d488993064223',
  });
  expect(definitionRef(parseDefinition(wuhanIndustrialV2))).toEqual({
    id: 'wuhan-industrial',
    version: 2,
    hash: '7d8ea6857f38c1bbe04670fc3b8eead492afebc7b8a3a4edafe1e30c5e087d39',
  });
  expect(definitionRef(parseDefinition(wuhanIndustrialV3))).toEqual({
    id: 'wuhan-industrial',
    version: 3,
    hash: 'f45b5365ab15addbbe7d8a4c7902f26bced36f0e263ef13882acfe4f8f7a6965',
  });
  expect(definitionRef(parseDefinition(wuhanIndustrialV4))).toEqual({
    id: 'wuhan-industrial',
    version: 4,
    hash: 'b33598e09bfb4c8e866791f28e81a24a145eff3c3dc4f4a227388e4861c91b5c',
  });
  expect(definitionRef(parseDefinition(nationalFourStage))).toEqual({
    id: 'national-four-stage',
    version: 1,
    hash: '6172338f1fe64bd070a1e15a405d0b1a096add21924ca0b9b46d4da45853488d',
  });
});
