import type { AmiFamily } from '../../config/ami';

/** The package manager of each Amazon Linux family. */
const PACKAGE_MANAGER: Readonly<Record<AmiFamily, string>> = { al2023: 'dnf', al2: 'yum' };

/**
 * Boot script of the web servers: Apache (dnf on Amazon Linux 2023, yum on Amazon Linux 2), listening on the app port,
 * a health endpoint, and HTTPS=on when the load balancer says the viewer used HTTPS
 * (X-Forwarded-Proto), so WordPress builds https:// links behind CloudFront and the ALB.
 * No secret goes in here: user data is readable by anyone who can describe the instance.
 */
export function webServerUserData(port: number, healthCheckPath: string, family: AmiFamily): string {
  return [
    '#!/bin/bash',
    'set -euo pipefail',
    `${PACKAGE_MANAGER[family]} install -y httpd`,
    `sed -i 's/^Listen .*/Listen ${port}/' /etc/httpd/conf/httpd.conf`,
    "cat > /etc/httpd/conf.d/forwarded-proto.conf <<'EOF'",
    '# Trust the scheme the load balancer reports; only the load balancer can reach this port.',
    'SetEnvIf X-Forwarded-Proto "^https$" HTTPS=on',
    'EOF',
    `mkdir -p "/var/www/html$(dirname '${healthCheckPath}')"`,
    `echo ok > "/var/www/html${healthCheckPath}"`,
    'systemctl enable --now httpd',
    '',
  ].join('\n');
}
