#!/usr/bin/env node
// Writes config/stripe-netsuite.schema.json from the zod schema (src/config/schema.ts), so editors complete and check
// the config file. Run after a build: `npx tsc -p tsconfig.json && node scripts/generate-config-schema.mjs`.
// test/config/config-schema.test.ts fails when the committed file is not what this would write.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { configJsonSchema, JSON_SCHEMA_FILE, renderConfigJsonSchema } from '../dist/src/config/schema.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = path.join(root, JSON_SCHEMA_FILE);
fs.writeFileSync(file, renderConfigJsonSchema(configJsonSchema()));
console.log(`wrote ${path.relative(root, file)}`);
