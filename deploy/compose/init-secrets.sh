#!/bin/sh
# Writes the secrets deploy/compose.yaml mounts (random, once; existing files are kept) into
# deploy/compose/secrets/, or into the directory given as the first argument.
set -eu
dir=${1:-$(dirname "$0")/secrets}
mkdir -p "$dir"
chmod 700 "$dir"

random() { head -c "$1" /dev/urandom | base64 | tr -d '\n'; }
# Letters and digits only: what the clouds' callback AuthKeys allow (at most 32).
alnum() { head -c 64 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | cut -c "1-$1"; }

# Readable by the container's user (uid 1000, or 999 for Redis): Compose bind-mounts each file as it is.
# The 0700 directory keeps other users of this host out.
write() {
  if [ ! -s "$dir/$1" ]; then
    printf '%s\n' "$2" > "$dir/$1"
    chmod 644 "$dir/$1"
  fi
}

write redis-password "$(random 24 | tr '+/' '-_' | tr -d '=')"
write redis-url "redis://:$(cat "$dir/redis-password")@redis:6379"
write cache-encryption-key "$(random 32)"
write auth-jwt-secret "$(random 48)"
# Used once cloud.env turns them on: give the same values to the other side (the VOD and IMS callback AuthKeys,
# the token in Tencent's NotificationUrl, the app backend's webhook secret), or replace a file with theirs.
write alibaba-vod-callback-auth-key "$(alnum 32)"
write alibaba-ims-callback-auth-key "$(alnum 32)"
write tencentcloud-vod-event-token "$(random 30 | tr '+/' '-_')"
write webhook-secret "whsec_$(random 32)"
echo "secrets in $dir"
