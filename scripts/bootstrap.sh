#!/usr/bin/env bash
# Provision the toolchain Bindery needs, then install dependencies from the lockfile.
#
# Sourced by ./dev (so PATH changes reach the caller). Idempotent and quiet when everything is
# already in place. It needs only what a fresh machine of ours has: bash, and some `npm` (any
# version) to fetch Node and pnpm from the npm registry, which ships them as packages.
#
#   BINDERY_NODE_VERSION  Node version to provision when the machine's is too old (default below)
#   BINDERY_TOOLS_DIR     where provisioned tools live (default: <repo>/.tools, git-ignored)

BINDERY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BINDERY_NODE_VERSION="${BINDERY_NODE_VERSION:-24.21.0}"
BINDERY_NODE_MIN="22.12.0"
BINDERY_TOOLS_DIR="${BINDERY_TOOLS_DIR:-$BINDERY_ROOT/.tools}"

bindery_log() { printf '\033[2m[bootstrap]\033[0m %s\n' "$*" >&2; }
bindery_die() { printf '[bootstrap] error: %s\n' "$*" >&2; return 1; }

# version_ge A B: true when A >= B (dotted numeric versions)
bindery_version_ge() {
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

bindery_node_arch() {
  case "$(uname -m)" in
    x86_64|amd64) echo x64 ;;
    aarch64|arm64) echo arm64 ;;
    *) bindery_die "unsupported CPU architecture $(uname -m)"; return 1 ;;
  esac
}

bindery_ensure_node() {
  local current=""
  if command -v node >/dev/null 2>&1; then current="$(node -p 'process.versions.node' 2>/dev/null)"; fi
  if [ -n "$current" ] && bindery_version_ge "$current" "$BINDERY_NODE_MIN"; then return 0; fi

  local os arch dir
  os="$(uname -s | tr '[:upper:]' '[:lower:]')"
  arch="$(bindery_node_arch)" || return 1
  dir="$BINDERY_TOOLS_DIR/node-$BINDERY_NODE_VERSION"
  if [ ! -x "$dir/node_modules/node-$os-$arch/bin/node" ]; then
    command -v npm >/dev/null 2>&1 || { bindery_die "Node $current is older than $BINDERY_NODE_MIN and no npm is available to fetch a newer one"; return 1; }
    bindery_log "Node ${current:-none} < $BINDERY_NODE_MIN: installing Node $BINDERY_NODE_VERSION into ${dir#"$BINDERY_ROOT"/}"
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error \
      "node-$os-$arch@$BINDERY_NODE_VERSION" >/dev/null || { bindery_die "could not install node-$os-$arch@$BINDERY_NODE_VERSION from the npm registry"; return 1; }
  fi
  export PATH="$dir/node_modules/node-$os-$arch/bin:$PATH"
  # npm that ships with the machine may not run on the new Node's ABI; the node package has its own npm
  hash -r
}

bindery_ensure_pnpm() {
  local want dir
  want="$(node -p "require('$BINDERY_ROOT/package.json').packageManager.split('@')[1].split('+')[0]")" || return 1
  if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$want" ]; then return 0; fi
  dir="$BINDERY_TOOLS_DIR/pnpm-$want"
  if [ ! -x "$dir/node_modules/.bin/pnpm" ]; then
    bindery_log "installing pnpm $want into ${dir#"$BINDERY_ROOT"/}"
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error "pnpm@$want" >/dev/null \
      || { bindery_die "could not install pnpm@$want from the npm registry"; return 1; }
  fi
  export PATH="$dir/node_modules/.bin:$PATH"
  hash -r
}

bindery_install_deps() {
  local stamp="$BINDERY_ROOT/node_modules/.bindery-lock-stamp"
  local sum
  sum="$(cat "$BINDERY_ROOT/pnpm-lock.yaml" "$BINDERY_ROOT/package.json" "$BINDERY_ROOT"/packages/*/package.json "$BINDERY_ROOT"/apps/*/package.json "$BINDERY_ROOT"/bench/package.json 2>/dev/null | cksum)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then return 0; fi
  bindery_log "installing dependencies from pnpm-lock.yaml"
  (cd "$BINDERY_ROOT" && pnpm install --frozen-lockfile --reporter=append-only) >&2 || { bindery_die "pnpm install failed"; return 1; }
  printf '%s' "$sum" >"$stamp"
}

bindery_bootstrap() {
  bindery_ensure_node && bindery_ensure_pnpm && bindery_install_deps
}
