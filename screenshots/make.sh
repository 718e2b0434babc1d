#!/usr/bin/env bash
# Remakes the screenshots: renders the screens with demo data into SVG (through ratatui's
# TestBackend), then into PNG with a Chinese font. Needs librsvg2-bin and fonts-wqy-microhei.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v rsvg-convert >/dev/null || ! fc-list :lang=zh | grep -q .; then
  apt-get install -y librsvg2-bin fonts-wqy-microhei
fi
cargo run --quiet --example screenshots
for svg in screenshots/*.svg; do
  rsvg-convert --format png --output "${svg%.svg}.png" "$svg"
done
ls -l screenshots/*.png
