#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Rebuilds americas.mbtiles, the sample content's base map: coastlines (GSHHG) and country
# borders (GMT's DCW-derived borders) of the Americas, drawn by Debian's GMT in spherical
# Mercator one zoom level at a time (line widths chosen per level, not shrunk from z7), cut into
# 256 px PNG8 tiles by GDAL's MBTiles driver and gathered into one MBTiles 1.3 file with fixed
# metadata. Build-time only: an ordinary build uses the committed file and needs none of this.
#   apt-get install gmt gmt-gshhg-low gmt-gshhg-high gmt-dcw gdal-bin ghostscript sqlite3 pngquant
#   content/sample/map/make-basemap.sh [OUT.mbtiles]      (about a minute on 2 cores)
# Names are never baked into the tiles: the kiosk draws them in the visitor's language.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/americas.mbtiles}
for tool in gmt gdal_translate sqlite3 gs pngquant; do
    command -v $tool >/dev/null || { echo "make-basemap: $tool missing (see the apt-get line at the top)" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export GMT_SESSION_NAME=basemap$$

# The area: Alaska's west to Brazil's east, Cape Horn to the Canadian Arctic's south.
west=-170; east=-30; south=-57; north=75
minzoom=0; maxzoom=7
# Web Mercator metres of the area's corners (EPSG:3857 is Mercator on a sphere of this radius).
read xmin xmax ymin ymax < <(awk -v w=$west -v e=$east -v s=$south -v n=$north 'BEGIN {
    r = 6378137; pi = atan2(0, -1)
    printf "%.3f %.3f %.3f %.3f\n", r*w*pi/180, r*e*pi/180,
        r*log(sin(pi/4+s*pi/360)/cos(pi/4+s*pi/360)), r*log(sin(pi/4+n*pi/360)/cos(pi/4+n*pi/360)) }')
# The top zoom stops at this latitude: north of it (the Arctic archipelago, a third of z7's
# bytes) z6 is enough for a kiosk in a migrant service centre.
top_north=55
top_rows=$(awk -v z=$maxzoom -v n=$top_north 'BEGIN { pi = atan2(0, -1); t = n*pi/180
    y = int((1 - log(sin(t)/cos(t) + 1/cos(t))/pi) / 2 * 2^z); print 2^z - 1 - y }')

dpi=100
for z in $(seq $minzoom $maxzoom); do
    # The map's width in pixels at this zoom: 256 * 2^z for 360 degrees.
    px=$(awk -v z=$z -v w=$west -v e=$east 'BEGIN { printf "%d", (e-w)/360*256*2^z + 0.5 }')
    inches=$(awk -v p=$px -v d=$dpi 'BEGIN { printf "%.4f", p/d }')
    case $z in
        0|1|2) res=c; coast=0.5p; border=0.35p; area=5000 ;;
        3|4) res=l; coast=0.6p; border=0.45p; area=500 ;;
        5) res=i; coast=0.7p; border=0.5p; area=100 ;;
        *) res=i; coast=0.8p; border=0.6p; area=20 ;;
    esac
    gmt begin z$z png E$dpi
    gmt coast -R$west/$east/$south/$north -JM${inches}i --PROJ_ELLIPSOID=Sphere --MAP_FRAME_PEN=0p \
        -D$res -A$area -G238/232/218 -S170/205/230 -W$coast,95/110/125 -N1/$border,120/100/110 -N2/0.25p,180/170/175
    gmt end
    gdal_translate -q -a_srs EPSG:3857 -a_ullr $xmin $ymax $xmax $ymin z$z.png z$z.tif
    gdal_translate -q -of MBTiles -co TILE_FORMAT=PNG8 -co DITHER=NO -co ZOOM_LEVEL_STRATEGY=AUTO \
        -co RESAMPLING=BILINEAR z$z.tif z$z.mbtiles
    # Each tile to 16 colours (4-bit PNG): the map has five colours and their antialiased edges;
    # 40 % smaller than GDAL's 256-colour PNG8 and no visible difference.
    keep="zoom_level = $z"
    [ $z -eq $maxzoom ] && keep="$keep AND tile_row <= $top_rows"
    mkdir t$z
    sqlite3 z$z.mbtiles "SELECT writefile('t$z/' || tile_column || '_' || tile_row || '.png', tile_data)
        FROM tiles WHERE $keep" >/dev/null
    find t$z -name '*.png' -print0 | xargs -0 -P2 -n 64 pngquant --force --ext .png --nofs --speed 1 16
    echo "z$z: ${px} px wide, $(ls t$z | wc -l) tiles, $(cat t$z/*.png | wc -c) bytes"
done

rm -f "$out.tmp"
sqlite3 "$out.tmp" <<SQL
PRAGMA page_size = 4096;
CREATE TABLE metadata(name TEXT, value TEXT);
CREATE TABLE tiles(zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);
CREATE UNIQUE INDEX tile_index ON tiles(zoom_level, tile_column, tile_row);
INSERT INTO metadata VALUES
    ('name', 'Americas base map'),
    ('format', 'png'),
    ('type', 'baselayer'),
    ('version', '1'),
    ('description', 'Coastlines and country borders of the Americas, z$minzoom-$maxzoom (z$maxzoom south of ${top_north}N), drawn with GMT'),
    ('bounds', '$west,$south,$east,$north'),
    ('center', '-80,5,3'),
    ('minzoom', '$minzoom'),
    ('maxzoom', '$maxzoom'),
    ('attribution', 'Coastlines: GSHHG (Wessel & Smith, LGPL). Borders: GMT / DCW. Drawn with GMT.');
SQL
for z in $(seq $minzoom $maxzoom); do
    sqlite3 "$out.tmp" "ATTACH 'z$z.mbtiles' AS s;
        INSERT INTO tiles SELECT zoom_level, tile_column, tile_row,
            readfile('t$z/' || tile_column || '_' || tile_row || '.png') FROM s.tiles
        WHERE zoom_level = $z $( [ $z -eq $maxzoom ] && echo "AND tile_row <= $top_rows")
        ORDER BY tile_column, tile_row;"
done
sqlite3 "$out.tmp" 'VACUUM'
mv "$out.tmp" "$out"
echo "$out: $(stat -c %s "$out") bytes, $(sqlite3 "$out" 'SELECT COUNT(*) FROM tiles') tiles"
