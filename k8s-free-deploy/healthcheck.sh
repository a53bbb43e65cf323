#!/bin/bash
# Liveness probe for the container image: GET /q/health/live on the local port, healthy on 200.
# Uses bash's /dev/tcp so the image needs neither curl nor wget.
set -u
port="${QUARKUS_HTTP_PORT:-8080}"
exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
printf 'GET /q/health/live HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
IFS= read -r -t 4 status <&3 || exit 1
case "$status" in
  "HTTP/1."?" 200 "*) exit 0 ;;
  *) exit 1 ;;
esac
