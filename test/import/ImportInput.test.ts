import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { InputError, ReferencedFileError } from '../../src/import/ImportErrors.js';
import { openInput, pathInput } from '../../src/import/ImportInput.js';
import { temporaryDirectory } from '../helpers/temporaryDirectory.js';

/** Root reads every file whatever its mode, so a file without read permission stays readable. */
const ROOT = process.getuid?.() === 0;

describe('ImportInput local files', () => {
  const directory = temporaryDirectory();
  after(() => directory.remove());
  const folder = join(directory.path, 'exports');
  mkdirSync(folder);
  mkdirSync(join(folder, 'parts'));
  const bom = join(folder, 'bom.csv');
  const bomText = 'Part Number,Qty\nA-1,1\n';
  writeFileSync(bom, bomText);
  const locked = join(directory.path, 'locked.csv');
  writeFileSync(locked, 'Part Number,Qty\nA-1,1\n');
  chmodSync(locked, 0o000);
  const fifo = join(directory.path, 'pipe.csv');
  const fifoMade = spawnSync('mkfifo', [fifo]).status === 0;
  const missing = join(directory.path, 'absent.csv');
  const missingRelative = relative(process.cwd(), missing);

  const cases: [name: string, path: string, message: string, skip?: string | false][] = [
    ['directory', folder, `${folder} is a directory; give the CSV file in it.`],
    ['missing absolute path', missing, `${missing} was not found; check the path.`],
    ['missing relative path', missingRelative, `${missingRelative} was not found in ${process.cwd()}; check the path.`],
    ['path through a file', join(bom, 'x.csv'), `${join(bom, 'x.csv')} was not found; check the path.`],
    ['FIFO', fifo, `${fifo} is not a regular file (such as a FIFO or a device); copy the data into a CSV file and give its path.`, !fifoMade && 'mkfifo failed'],
  ];
  for (const [name, path, message, skip] of cases) {
    it(`rejects ${name}`, { skip: skip ?? false }, () => {
      assert.throws(() => openInput(path, 'CSV file'), (error: Error) => {
        assert.ok(error instanceof InputError, error.name);
        assert.equal(error.message, message);
        return true;
      });
    });
  }

  // Root reads any file, so as root the check runs in a child process of an unprivileged user.
  it('rejects an unreadable file', () => {
    const message = `${locked} cannot be read: permission denied; give this user read access to it, or import as a user who has it.`;
    if (!ROOT) {
      assert.throws(() => openInput(locked, 'CSV file'), { message });
      return;
    }
    chmodSync(directory.path, 0o755);
    const module = new URL('../../src/import/ImportInput.js', import.meta.url).href;
    // The child loads the module as root, wherever the checkout is, then switches to the unprivileged user 65534.
    const script = `import(${JSON.stringify(module)}).then(({ openInput }) => { process.setgid(65534); process.setuid(65534); try { openInput(${JSON.stringify(locked)}, 'CSV file'); } catch (error) { process.stdout.write(error.message); } });`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(child.status, 0, child.stderr);
    assert.equal(child.stdout, message);
  });

  it('opens a readable file', () => {
    const input = openInput(bom, 'CSV file');
    assert.equal(input.uri, bom);
    assert.equal(input.size, Buffer.byteLength(bomText));
  });

  it('pathInput names a directory as a file', () => {
    assert.throws(() => pathInput(folder), { message: `${folder} is a directory; give the file in it.` });
  });

  it('reference to a directory', () => {
    assert.throws(() => openInput(bom).resolve('parts'), (error: Error) => {
      assert.ok(error instanceof ReferencedFileError, error.name);
      assert.equal(error.message, `The file parts, referenced from bom.csv, is a directory in ${folder}, so correct the reference to name the file.`);
      return true;
    });
  });

  it('reference to a missing file', () => {
    assert.throws(() => openInput(bom).resolve('TAIL.stp'), { message: `The file TAIL.stp, referenced from bom.csv, was not found in ${folder}, so copy it next to bom.csv.` });
  });

  describe('reference that differs in letter case', () => {
    writeFileSync(join(folder, 'head_back.stp'), '');
    const variants = join(folder, 'variants');
    mkdirSync(variants);
    writeFileSync(join(variants, 'Tail.stp'), '');
    writeFileSync(join(variants, 'tail.STP'), '');
    const cases: [reference: string, message: string][] = [
      [
        'HEAD_BACK.stp',
        `The file HEAD_BACK.stp, referenced from bom.csv, was not found in ${folder} (did you mean head_back.stp? ` +
          'Only the letter case differs, and file names are case-sensitive here), so rename head_back.stp to HEAD_BACK.stp.',
      ],
      [
        'variants/TAIL.stp',
        `The file variants/TAIL.stp, referenced from bom.csv, was not found in ${variants} (did you mean Tail.stp or tail.STP? ` +
          'Only the letter case differs, and file names are case-sensitive here), so rename one of them to TAIL.stp.',
      ],
      ['variants/TAIL_TURBINE.stp', `The file variants/TAIL_TURBINE.stp, referenced from bom.csv, was not found in ${variants}, so copy it to ${variants}.`],
    ];
    for (const [reference, message] of cases) {
      it(reference, () => {
        assert.throws(() => openInput(bom).resolve(reference), (error: Error) => {
          assert.ok(error instanceof ReferencedFileError, error.name);
          assert.equal(error.message, message);
          return true;
        });
      });
    }
  });
});
