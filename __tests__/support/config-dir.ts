import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { baseInput } from './fixtures';

/** A throwaway folder of environment files for config and CLI tests. */
export class ConfigDir {
  readonly path = mkdtempSync(join(tmpdir(), 'config-'));

  /** Writes `<name>.yaml`; objects are rendered as YAML, strings written as they are. */
  write(name: string, content: unknown): string {
    const file = join(this.path, `${name}.yaml`);
    writeFileSync(file, typeof content === 'string' ? content : stringify(content));
    return file;
  }

  /** Writes the valid base environment under `name`, after `change` edits its raw input. */
  writeEnvironment(name: string, change: (input: Record<string, any>) => void = () => undefined): string {
    const input: Record<string, any> = { ...baseInput(), environment: name };
    change(input);
    return this.write(name, input);
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}
