// Validates an AsyncAPI document offline with the official parser and the Avro schema parser.
// Usage: node tools/asyncapi/validate.mjs docs/asyncapi.yaml
// Prints {"valid":true,"channels":N,"messages":M} and exits 0, or the diagnostics and exits 1.
import { Parser, fromFile } from '@asyncapi/parser';
import { AvroSchemaParser } from '@asyncapi/avro-schema-parser';

const file = process.argv[2];
const parser = new Parser();
parser.registerSchemaParser(AvroSchemaParser());
const { document, diagnostics } = await fromFile(parser, file).parse();
const errors = diagnostics.filter((d) => d.severity === 0);
if (!document || errors.length > 0) {
  for (const d of errors) console.error(`${d.path.join('.')}: ${d.message}`);
  process.exit(1);
}
console.log(JSON.stringify({
  valid: true,
  channels: document.channels().length,
  messages: document.components().messages().length,
}));
