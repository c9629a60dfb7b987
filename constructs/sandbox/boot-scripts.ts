import { AmiFamily } from '../../config/ami';

/** How each Amazon Linux family installs packages. */
const PACKAGE_MANAGER: Readonly<Record<AmiFamily, string>> = { al2023: 'dnf', al2: 'yum' };

/** The MariaDB server package of each family: Amazon Linux 2023 names it by version. */
export const MARIADB_SERVER_PACKAGE: Readonly<Record<AmiFamily, string>> = { al2023: 'mariadb105-server', al2: 'mariadb-server' };

/** Attempts, 15 s apart, before a package install gives up (the first boot can beat the routes and endpoints). */
const INSTALL_ATTEMPTS = 20;

/** The head of both scripts: strict shell, and `retry`, which runs a command until it succeeds or gives up. */
const PREAMBLE = [
  '#!/bin/bash',
  'set -euo pipefail',
  'retry() {',
  `  for attempt in $(seq 1 ${INSTALL_ATTEMPTS}); do`,
  '    "$@" && return 0',
  '    echo "$1 failed (attempt $attempt), retrying in 15 s" >&2',
  '    sleep 15',
  '  done',
  '  return 1',
  '}',
];

/** The family's package install command line for `packages`, retried. */
function install(family: AmiFamily, packages: string): string {
  return `retry ${PACKAGE_MANAGER[family]} install -y ${packages}`;
}

/**
 * Boot script of the sandbox web server: Apache (httpd) installed, enabled at boot and started,
 * with a small index page. Written for the image's family: dnf on Amazon Linux 2023, yum on
 * Amazon Linux 2. No secret goes in here: user data is readable by anyone who can describe the instance.
 */
export function webServerBootScript(family: AmiFamily): string {
  return [
    ...PREAMBLE,
    install(family, 'httpd'),
    "cat > /var/www/html/index.html <<'EOF'",
    '<!doctype html><title>Sandbox</title><h1>Sandbox web server</h1>',
    'EOF',
    'systemctl enable --now httpd',
    '',
  ].join('\n');
}

/**
 * Boot script of the sandbox database server: MariaDB server installed, enabled at boot and
 * started (`mariadb105-server` with dnf on Amazon Linux 2023, `mariadb-server` with yum on Amazon
 * Linux 2). No database user or password is created here: user data is readable by anyone who can
 * describe the instance, so users are made over Session Manager (see the README).
 */
export function databaseServerBootScript(family: AmiFamily): string {
  return [...PREAMBLE, install(family, MARIADB_SERVER_PACKAGE[family]), 'systemctl enable --now mariadb', ''].join('\n');
}
