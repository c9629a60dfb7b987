#!/bin/bash
# Boot script of the stg web servers (app.userDataFile in stg.yaml). It runs once, as root, at
# first boot; no secret belongs here (anyone who can describe the instance can read it).
set -euo pipefail
dnf install -y httpd php php-mysqlnd
cat > /etc/httpd/conf.d/forwarded-proto.conf <<'CONF'
# Only the load balancer reaches this port: trust the scheme it reports.
SetEnvIf X-Forwarded-Proto "^https$" HTTPS=on
CONF
echo ok > /var/www/html/healthz
systemctl enable --now httpd
