import { spawnSync } from 'node:child_process';
import { databaseServerBootScript, webServerBootScript } from '../constructs/sandbox/boot-scripts';

/** The lines of a script. */
const lines = (script: string) => script.split('\n');

describe('sandbox boot scripts', () => {
  it('install Apache (httpd) with dnf on Amazon Linux 2023, then enable it at boot and start it', () => {
    const script = lines(webServerBootScript('al2023'));
    expect(script[0]).toBe('#!/bin/bash');
    expect(script).toContain('retry dnf install -y httpd');
    expect(script).toContain('systemctl enable --now httpd');
    expect(script.indexOf('systemctl enable --now httpd')).toBeGreaterThan(script.indexOf('retry dnf install -y httpd'));
  });

  it('install Apache with yum on Amazon Linux 2', () => {
    const script = lines(webServerBootScript('al2'));
    expect(script).toContain('retry yum install -y httpd');
    expect(script).toContain('systemctl enable --now httpd');
    expect(script.join('\n')).not.toMatch(/\bdnf\b/);
  });

  it('install MariaDB as mariadb105-server with dnf on Amazon Linux 2023, then enable it at boot and start it', () => {
    const script = lines(databaseServerBootScript('al2023'));
    expect(script).toContain('retry dnf install -y mariadb105-server');
    expect(script).toContain('systemctl enable --now mariadb');
  });

  it('install MariaDB as mariadb-server with yum on Amazon Linux 2', () => {
    const script = lines(databaseServerBootScript('al2'));
    expect(script).toContain('retry yum install -y mariadb-server');
    expect(script).toContain('systemctl enable --now mariadb');
    expect(script.join('\n')).not.toMatch(/\bdnf\b/);
  });

  it('stop at the first failure and retry package installs, which can run before the routes work', () => {
    for (const script of [webServerBootScript('al2023'), databaseServerBootScript('al2')]) {
      expect(script).toContain('set -euo pipefail');
      expect(script).toMatch(/^retry\(\) \{$/m);
    }
  });

  it('hold no password: user data is readable by anyone who can describe the instance', () => {
    for (const script of [webServerBootScript('al2023'), databaseServerBootScript('al2023')]) expect(script).not.toMatch(/password|passwd|IDENTIFIED BY/i);
  });

  it('are valid bash', () => {
    for (const script of [webServerBootScript('al2023'), webServerBootScript('al2'), databaseServerBootScript('al2023'), databaseServerBootScript('al2')]) {
      const check = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
      expect(check.stderr).toBe('');
      expect(check.status).toBe(0);
    }
  });

  it('retry a failing command, then give up with its failure', () => {
    // The retry function alone, with the sleeps taken out: a command failing twice then succeeding, and one that never does.
    const retry = webServerBootScript('al2023').split('\n').slice(0, 10).join('\n').replace('sleep 15', ':');
    const run = (body: string) => spawnSync('bash', ['-c', `${retry}\n${body}`], { encoding: 'utf8' });
    expect(run('n=0; flaky() { n=$((n+1)); [ $n -ge 3 ]; }; retry flaky; echo "ok after $n"').stdout).toBe('ok after 3\n');
    expect(run('retry false').status).not.toBe(0);
  });
});
