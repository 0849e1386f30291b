/**
 * Every text field the service accepts is built on the one readable-text schema
 * (definitions/text.ts): the route schemas are walked, and each string they take (body, query,
 * path, multipart, the keys of a record too) must refuse a NUL and an unpaired surrogate. A new
 * field written as a bare `z.string()` fails here. Then, through the app, such a character in
 * a reason, a comment or a name is a 400 naming the field, not a 500 from PostgreSQL.
 */
import type { z } from 'zod';
import { isReadable, readableText } from '../../../definitions/text';
import { call, login, testApp, testCreditCode } from '../../helpers/service';

type TLeaf = [path: string, schema: z.ZodType];

/** The string fields of a request schema, each with its path; a transform on a string is judged as a whole. */
function stringFields(schema: z.ZodType, path: string, out: TLeaf[] = []): TLeaf[] {
  const def = (schema as any)._zod.def;
  const walk = (s: z.ZodType, p: string) => stringFields(s, p, out);
  switch (def.type) {
    case 'string':
      out.push([path, schema]);
      break;
    case 'object':
      for (const [key, value] of Object.entries<z.ZodType>(def.shape)) walk(value, `${path}.${key}`);
      break;
    case 'array':
      walk(def.element, `${path}[]`);
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      walk(def.innerType, path);
      break;
    case 'union':
      def.options.forEach((option: z.ZodType, i: number) => walk(option, `${path}|${i}`));
      break;
    case 'record':
      walk(def.keyType, `${path}{key}`);
      walk(def.valueType, `${path}{}`);
      break;
    case 'pipe':
      if (def.in._zod.def.type === 'string') out.push([path, schema]);
      else walk(def.in, path);
      break;
    case 'intersection':
      walk(def.left, path);
      walk(def.right, path);
      break;
    case 'lazy':
      walk(def.getter(), path);
      break;
  }
  return out;
}

const UNREADABLE = { nul: 'ab\u0000c', bell: 'ab\u0007c', 'lone high surrogate': 'ab\ud800c', 'lone low surrogate': 'ab\udc00c' };

let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  app = await testApp();
});

/** Every string field of every route's request, from the app's OpenAPI registry (the schemas that validate requests). */
function requestFields(): TLeaf[] {
  const out: TLeaf[] = [];
  for (const d of app.openAPIRegistry.definitions) {
    if (d.type !== 'route') continue;
    const { method, path, request } = d.route;
    const name = `${method.toUpperCase()} ${path}`;
    for (const part of ['params', 'query'] as const) if (request?.[part]) stringFields(request[part] as z.ZodType, `${name} ${part}`, out);
    for (const [type, content] of Object.entries(request?.body?.content ?? {})) {
      const schema = (content as { schema?: z.ZodType } | undefined)?.schema;
      if (schema) stringFields(schema, `${name} body(${type})`, out);
    }
  }
  return out;
}

test('the readable-text schema refuses control characters and unpaired surrogates, keeps line breaks, tabs and paired surrogates', () => {
  for (const s of Object.values(UNREADABLE)) expect(readableText().safeParse(s).success).toBe(false);
  for (const s of ['第一行\n第二行\r\n\t缩进', '𠮷野家 😀', '']) expect(isReadable(s)).toBe(true);
});

test('every string field a route accepts refuses each unreadable character', () => {
  const fields = requestFields();
  // The decision union, registration, directory, calendar, follow-up, delegations, uploads…: a few hundred fields.
  expect(fields.length).toBeGreaterThan(100);
  const accepting = fields.flatMap(([path, schema]) =>
    Object.entries(UNREADABLE)
      .filter(([, s]) => schema.safeParse(s).success)
      .map(([what]) => `${path} accepts a ${what}`),
  );
  expect(accepting).toEqual([]);
});

test('through the app: an unreadable character in a free-text field is a 400 naming the field', async () => {
  const token = await login(app, 'coordinator');
  const res = await call(app, 'POST', '/api/enterprises', {
    token,
    body: { name: '企业\u0000甲', creditCode: testCreditCode('readable-text'), address: '武汉市', contacts: [{ name: '张\ud800三', phone: '027-8888 6666' }] },
  });
  expect(res.status).toBe(400);
  expect(res.body.error.issues).toEqual([
    { path: 'name', message: 'control characters and unpaired surrogates are not allowed' },
    { path: 'contacts.0.name', message: 'control characters and unpaired surrogates are not allowed' },
  ]);
});
