import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ConfigError, ConfigProblem } from '../../config/errors';
import { loadEnvironments } from '../../config/load';
import { EnvironmentConfig, WebPlatformConfig, webPlatformConfig } from '../../config/schema';
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

  /**
   * Writes the valid base environment under `name`, after `change` edits its raw input.
   * Each environment gets a domain of its own, `<name>.example.com` (two environments may not
   * serve the same name), so several can share a folder.
   */
  writeEnvironment(name: string, change: (input: Record<string, any>) => void = () => undefined): string {
    return this.write(name, this.environmentYaml(name, change));
  }

  /** Writes a file of any name with exactly these contents (text or bytes). */
  writeFile(fileName: string, content: string | Uint8Array): string {
    const file = join(this.path, fileName);
    writeFileSync(file, content);
    return file;
  }

  /** The YAML text of the valid base environment `name` after `change`, for files written by hand. */
  environmentYaml(name: string, change: (input: Record<string, any>) => void = () => undefined): string {
    const input: Record<string, any> = { ...baseInput(), environment: name, domain: `${name}.example.com` };
    change(input);
    return stringify(input);
  }

  /** Writes the base environment `test` after `change` and loads it: wrap in `expect(() => ...)` to test its error. */
  loadWith(change: (input: Record<string, any>) => void): WebPlatformConfig {
    const config = webPlatformConfig(this.loadAnyWith(change));
    if (config === undefined) throw new Error('loadWith: the environment holds no web platform; use loadAnyWith');
    return config;
  }

  /** As loadWith, for an environment of any systems. */
  loadAnyWith(change: (input: Record<string, any>) => void): EnvironmentConfig {
    this.writeEnvironment('test', change);
    return loadEnvironments(['test'], this.path)[0];
  }

  /** Writes the base environment `test` after `change`: the problems loading it reports; fails the test when it loads. */
  problemsFor(change: (input: Record<string, any>) => void): readonly ConfigProblem[] {
    this.writeEnvironment('test', change);
    return this.loadError(['test']).problems;
  }

  /** The ConfigError loading `names` from this folder raises; fails the test when it loads. */
  loadError(names: readonly string[] = []): ConfigError {
    try {
      loadEnvironments(names, this.path);
    } catch (error) {
      if (error instanceof ConfigError) return error;
      throw error;
    }
    throw new Error('expected a ConfigError, but the configuration loaded');
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}
