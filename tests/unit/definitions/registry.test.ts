/** Published definitions are immutable versions; a directory of files is loaded with every problem reported. */
import { join } from 'node:path';
import { loadDefinitionRegistry } from '../../../definitions/process/node/definition-files';
import { createRegistry, definitionRef, DefinitionError, getDefinition, listDefinitions, parseDefinition, wuhanIndustrial } from '../../../definitions/process';

const directory = join(__dirname, '../../fixtures/definitions/directory');

test('the built-ins are listed and found by id, latest version not marked optIn by default', () => {
  expect(listDefinitions().map((p) => `${p.ref.id}@${p.ref.version}`)).toEqual([
    'national-four-stage@1',
    'wuhan-industrial@1',
    'wuhan-industrial@2',
    'wuhan-industrial@3',
    'wuhan-industrial@4',
    'zhanjiang-industrial@1',
    'zhanjiang-industrial@2',
  ]);
  expect(getDefinition('wuhan-industrial')?.stages.map((s) => s.id)).toEqual(['preparation', 'construction-approval', 'acceptance']);
  // Version 3 (联合验收) is opt-in; version 4, the default, runs the same joint acceptance.
  expect(getDefinition('wuhan-industrial')?.version).toBe(4);
  expect(getDefinition('wuhan-industrial', 3)?.stages[2]!.joint?.result.id).toBe('joint-acceptance-opinion');
  expect(getDefinition('wuhan-industrial')?.stages[2]!.joint?.result.id).toBe('joint-acceptance-opinion');
  expect(getDefinition('wuhan-industrial', 5)).toBeUndefined();
  expect(getDefinition('nowhere')).toBeUndefined();
});

test('published definitions are frozen', () => {
  const d = getDefinition('wuhan-industrial')!;
  expect(() => {
    (d.stages[0]!.items[0] as { promisedLimit: number }).promisedLimit = 9;
  }).toThrow(TypeError);
});

test('a new version is a new document; the same content again is a no-op; changed content under a published version is refused', () => {
  const { registry } = createRegistry();
  const v1 = parseDefinition(wuhanIndustrial);
  expect(registry.publish(structuredClone(v1))).toMatchObject({ ok: true, added: false });

  // Versions 2 (告知承诺 on the energy review), 3 (联合验收, opt-in) and 4 (the default) are built in: the next is 5.
  const v2 = { ...structuredClone(v1), version: 5, totalBudget: 35 };
  expect(registry.publish(v2, 'test')).toMatchObject({ ok: true, added: true, ref: { id: 'wuhan-industrial', version: 5 } });
  expect(registry.versions('wuhan-industrial')).toEqual([1, 2, 3, 4, 5]);
  expect(registry.get('wuhan-industrial')?.totalBudget).toBe(35);
  expect(registry.get('wuhan-industrial', 1)?.totalBudget).toBe(39);

  const tampered = { ...structuredClone(v1), totalBudget: 38 };
  expect(registry.publish(tampered, 'tampered.yaml')).toEqual({
    ok: false,
    problems: [
      {
        path: 'version',
        message: expect.stringMatching(/'wuhan-industrial' version 1 is already published with different content .* from built-in.*publish version 6/),
      },
    ],
  });
});

test('a project resolves its recorded {id, version, hash}; a changed hash or a missing version is an error', () => {
  const { registry } = createRegistry();
  const ref = definitionRef(registry.require('wuhan-industrial'));
  expect(registry.resolve(ref).id).toBe('wuhan-industrial');
  expect(() => registry.resolve({ ...ref, hash: '0'.repeat(64) })).toThrow(/has hash .* the project recorded 0000/);
  expect(() => registry.resolve({ ...ref, version: 7 })).toThrow(DefinitionError);
  expect(() => registry.require('nowhere')).toThrow(
    /unknown process definition 'nowhere' \(known: national-four-stage, wuhan-industrial, zhanjiang-industrial\)/,
  );
});

test('loading a directory publishes its files and reports every problem with file, path and message', () => {
  const { registry, loaded, problems } = loadDefinitionRegistry(directory);
  expect(loaded.map((l) => [l.file.slice(directory.length + 1), l.ref.version])).toEqual([
    ['1-minimal-v1.yaml', 1],
    ['2-minimal-v2.json', 2],
  ]);
  expect(registry.versions('minimal')).toEqual([1, 2]);
  expect(registry.ids()).toEqual(['minimal', 'national-four-stage', 'wuhan-industrial', 'zhanjiang-industrial']);
  expect(problems).toEqual([
    { file: join(directory, '3-minimal-v1-changed.json'), path: 'version', message: expect.stringMatching(/already published with different content/) },
    { file: join(directory, 'broken.yaml'), path: 'stages[1].leadDepartment', message: expect.stringMatching(/lead department 'housing'/) },
  ]);
});

test('a missing directory is one problem, not a crash', () => {
  const { problems, registry } = loadDefinitionRegistry(join(directory, 'missing'));
  expect(problems).toEqual([{ file: join(directory, 'missing'), path: '', message: expect.stringMatching(/cannot list definitions/) }]);
  expect(registry.ids()).toEqual(['national-four-stage', 'wuhan-industrial', 'zhanjiang-industrial']);
});
