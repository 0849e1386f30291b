// Validates an OpenAPI document read from stdin with @apidevtools/swagger-parser (ESM only,
// which jest's CommonJS loader cannot require, so tests run this as a child process).
// Prints {"ok":true,"title":…} or {"ok":false,"message":…}; exits 0 either way.
import SwaggerParser from '@apidevtools/swagger-parser';

let text = '';
for await (const chunk of process.stdin) text += chunk;
try {
  const api = await SwaggerParser.validate(JSON.parse(text));
  process.stdout.write(JSON.stringify({ ok: true, title: api.info.title }));
} catch (err) {
  process.stdout.write(JSON.stringify({ ok: false, message: err instanceof Error ? err.message : String(err) }));
}
