import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleId } from '../../../src/shared/contract';
import { bytesOfId, isEscapedId, nameOfBytes, NAME_ESCAPE } from '../../../src/core/fs/file-name';

describe('escaped ids of file names', () => {
  it('keeps ordinary names as they are', () => {
    for (const name of ['a.md', 'café.md', 'UK’s police.md', '中文.md', '😀 smile.md']) {
      expect(nameOfBytes(Buffer.from(name))).toBe(name);
      expect(isEscapedId(name)).toBe(false);
    }
  });

  it('escapes invalid UTF-8, backslashes and the escape character, byte by byte', () => {
    expect(nameOfBytes(Buffer.from([0x63, 0xe9, 0x2e, 0x6d, 0x64]))).toBe(`c${NAME_ESCAPE}E9.md`);
    expect(nameOfBytes(Buffer.from('a\\b.md'))).toBe(`a${NAME_ESCAPE}5Cb.md`);
    expect(nameOfBytes(Buffer.from('x\uFFFD.md'))).toBe(
      `x${NAME_ESCAPE}EF${NAME_ESCAPE}BF${NAME_ESCAPE}BD.md`,
    );
    // Overlong and surrogate encodings are invalid UTF-8 too.
    expect(nameOfBytes(Buffer.from([0xc0, 0xaf, 0x61]))).toBe(`${NAME_ESCAPE}C0${NAME_ESCAPE}AFa`);
    expect(nameOfBytes(Buffer.from([0xed, 0xa0, 0x80]))).toBe(
      `${NAME_ESCAPE}ED${NAME_ESCAPE}A0${NAME_ESCAPE}80`,
    );
  });

  it('maps every name to one id and back, and every id is one the contract accepts', () => {
    fc.assert(
      fc.property(
        fc
          .uint8Array({ minLength: 1, maxLength: 24 })
          .map((a) => a.filter((b) => b !== 0x2f && b !== 0)),
        (arr) => {
          const raw = Buffer.from(arr);
          const id = nameOfBytes(raw);
          expect(bytesOfId(id)?.equals(raw)).toBe(true);
          expect(id.includes('\\')).toBe(false);
          // (In a folder: a name like `C:x` is refused by the contract for any file, escaped or not.)
          expect(articleId.safeParse(`dir/${id}.md`).success).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('gives two different names two different ids', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 8 }), fc.uint8Array({ maxLength: 8 }), (a, b) => {
        fc.pre(!Buffer.from(a).equals(Buffer.from(b)));
        expect(nameOfBytes(Buffer.from(a))).not.toBe(nameOfBytes(Buffer.from(b)));
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses an escape that is not followed by two hex digits', () => {
    expect(bytesOfId(`a${NAME_ESCAPE}G1.md`)).toBeNull();
    expect(bytesOfId(`a${NAME_ESCAPE}e9.md`)).toBeNull();
    expect(bytesOfId(`a${NAME_ESCAPE}`)).toBeNull();
  });
});
