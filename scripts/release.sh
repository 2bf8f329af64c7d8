#!/usr/bin/env bash
# Cross-compiles borderwork for teachers and researchers without Go:
# static binaries (no cgo) for Linux, macOS and Windows on amd64 and arm64,
# each stamped with the commit it was built from (borderwork version
# prints it); the classroom page's static site as a zip archive
# (borderwork-VERSION-site.zip, what `go run ./web/build` writes, in a
# folder borderwork-VERSION-site), for a web host; and a SHA256SUMS file
# beside them.
#
#   scripts/release.sh            # into dist/
#   scripts/release.sh OUTDIR     # elsewhere
#
# The version is output.Version (set in output/manifest.go); the file
# names carry it: borderwork-VERSION-OS-ARCH[.exe]. CI runs this script
# into a temporary folder; binaries are never committed.
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-dist}
version=$(sed -n 's/^const Version = "\(.*\)"$/\1/p' output/manifest.go)
if [ -z "$version" ]; then
	echo "release.sh: cannot read the version from output/manifest.go" >&2
	exit 1
fi
# The binaries record the revision and, apart, whether tracked files
# differed from it (output.Modified), so that a folder's manifest gives
# commit and dirty as a go build with version control would, even where
# GOFLAGS has -buildvcs=false. The static site takes one string.
commit=$(git rev-parse HEAD 2>/dev/null || echo unknown)
modified=""
site_commit=$commit
if [ "$commit" != unknown ]; then
	modified=false
	if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
		modified=true
		site_commit="$commit-modified"
	fi
fi

mkdir -p "$out"
targets="linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64"
for target in $targets; do
	os=${target%/*}
	arch=${target#*/}
	ext=""
	[ "$os" = windows ] && ext=".exe"
	name="borderwork-$version-$os-$arch$ext"
	CGO_ENABLED=0 GOOS=$os GOARCH=$arch go build -trimpath \
		-ldflags "-s -w -X github.com/borderwork/borderwork/output.Commit=$commit -X github.com/borderwork/borderwork/output.Modified=$modified" \
		-o "$out/$name" ./cmd/borderwork
	echo "built $out/$name"
done
site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
go run ./web/build -commit "$site_commit" -o "$site/borderwork-$version-site" -zip "$out/borderwork-$version-site.zip" >/dev/null
echo "built $out/borderwork-$version-site.zip"
(cd "$out" && sha256sum borderwork-"$version"-* > SHA256SUMS)
echo "wrote $out/SHA256SUMS (version $version, commit $site_commit)"
