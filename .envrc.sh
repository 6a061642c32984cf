# Source this in a shell to get the project's toolchain: `. ./.envrc.sh`
eval "$(bash "$(dirname "${BASH_SOURCE[0]:-$0}")/scripts/ensure-node.sh")"
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
