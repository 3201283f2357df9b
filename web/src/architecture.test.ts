// The dashboard's layering, read from the import lines (as tests/layering_test.cc does for
// the C++ modules): a feature never imports another feature; shared/ imports neither app/
// nor a feature; only app/ puts the views together.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = dirname(fileURLToPath(import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

// Every relative import of a file, as a path under src/ ("shared/api", "features/x/y").
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((m) => m[1]);
  return found.map((spec) => relative(root, resolve(dirname(file), spec)));
}

describe('layering of web/src', () => {
  const files = sources(root).map((file) => ({ file: relative(root, file), imports: importsOf(file) }));

  it('finds the sources and their imports', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.find((f) => f.file === 'app/App.tsx')?.imports).toContain('features/overview/OverviewView');
  });

  it('keeps features apart', () => {
    const crossings = files.flatMap(({ file, imports }) => {
      const own = /^features\/([^/]+)\//.exec(file)?.[1];
      if (!own) return [];
      return imports
        .filter((target) => target.startsWith('features/') && !target.startsWith(`features/${own}/`))
        .map((target) => `${file} -> ${target}`);
    });
    expect(crossings).toEqual([]);
  });

  it('keeps shared/ below app/ and the features', () => {
    const upward = files.flatMap(({ file, imports }) =>
      file.startsWith('shared/')
        ? imports.filter((t) => t.startsWith('app/') || t.startsWith('features/')).map((t) => `${file} -> ${t}`)
        : [],
    );
    expect(upward).toEqual([]);
  });
});
