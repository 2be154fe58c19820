#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Rebuilds americas.mbtiles, the sample content's base map: coastlines (GSHHG) and country
# borders (GMT's DCW-derived borders) of the Americas, over the whole world at z0-4 so that a
# large screen or the map's edges never show blank paper, drawn by Debian's GMT in spherical
# Mercator one zoom level at a time (line widths chosen per level, not shrunk from z7), cut into
# 256 px PNG8 tiles by GDAL's MBTiles driver and gathered into one MBTiles 1.3 file with fixed
# metadata. Closer in (z8-9) only around the places of the sample's directory (a block of 3x3 z9
# tiles each, and the z8 tiles over it): full-resolution coastlines, lakes and reservoirs, rivers
# and borders. Debian packages no street data (OpenStreetMap), so there are no streets; past its
# detail the kiosk draws the level above larger. Build-time only: an ordinary build uses the committed file and needs none of this.
#   apt-get install gmt gmt-gshhg-low gmt-gshhg-high gmt-dcw gdal-bin ghostscript sqlite3 pngquant
#   content/sample/map/make-basemap.sh [OUT.mbtiles]      (about three minutes on 2 cores)
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
# Up to this level the whole world is drawn (Web Mercator's square, +-85.0511 degrees): at z4 a
# 4K screen shows more than the Americas' width, and past z4 the kiosk draws these tiles larger
# wherever the Americas' tiles end: 341 tiles, mostly open sea.
world_maxzoom=4
detail_zooms="8 9"; top_detail=9
# The top zoom stops at this latitude: north of it (the Arctic archipelago, a third of z7's
# bytes) z6 is enough for a kiosk in a migrant service centre.
top_north=55
top_rows=$(awk -v z=$maxzoom -v n=$top_north 'BEGIN { pi = atan2(0, -1); t = n*pi/180
    y = int((1 - log(sin(t)/cos(t) + 1/cos(t))/pi) / 2 * 2^z); print 2^z - 1 - y }')

dpi=100
half=20037508.342789244  # Web Mercator's half width, metres
# Draws world pixels [PX0,PX1) x [PY0,PY1) of zoom z (rows from the north) into OUT, a GeoTIFF
# exactly on the tile grid, at the zoom's line widths. Drawn 16 px wider on every side and cut
# back: a drawing's edge leaves a pale line, and the cut lands on tile edges, so every tile is
# whole (a tile only partly drawn would be transparent, and show blank, past the area's edge).
draw() {
    local z=$1 px0=$2 px1=$3 py0=$4 py1=$5 out=$6 pad=16 res coast border area w e s n
    case $z in
        0|1|2) res=c; coast=0.5p; border=0.35p; area=5000 ;;
        3|4) res=l; coast=0.6p; border=0.45p; area=500 ;;
        5) res=i; coast=0.7p; border=0.5p; area=100 ;;
        *) res=i; coast=0.8p; border=0.6p; area=20 ;;
    esac
    read w e s n < <(awk -v m=$((256 << z)) -v x0=$((px0 - pad)) -v x1=$((px1 + pad)) \
        -v y0=$((py0 - pad)) -v y1=$((py1 + pad)) '
        function lat(y) { v = pi * (1 - 2 * y / m); return atan2(exp(v) - exp(-v), 2) * 180 / pi }
        BEGIN { pi = atan2(0, -1)
        printf "%.9f %.9f %.9f %.9f\n", x0/m*360-180, x1/m*360-180, lat(y1), lat(y0) }')
    local wpx=$((px1 - px0 + 2 * pad)) hpx=$((py1 - py0 + 2 * pad))
    gmt begin d png E$dpi
    gmt coast -R$w/$e/$s/$n -JM$(awk -v p=$wpx -v d=$dpi 'BEGIN { printf "%.4f", p/d }')i \
        --PROJ_ELLIPSOID=Sphere --MAP_FRAME_PEN=0p -D$res -A$area -G238/232/218 -S170/205/230 \
        -W$coast,95/110/125 -N1/$border,120/100/110 -N2/0.25p,180/170/175
    gmt end
    gdal_translate -q -outsize $wpx $hpx d.png d.tif
    read mx0 mx1 my0 my1 < <(awk -v m=$((256 << z)) -v h=$half -v x0=$px0 -v x1=$px1 -v y0=$py0 \
        -v y1=$py1 'BEGIN { printf "%.3f %.3f %.3f %.3f\n", -h + x0/m*2*h, -h + x1/m*2*h,
            h - y0/m*2*h, h - y1/m*2*h }')
    gdal_translate -q -srcwin $pad $pad $((px1 - px0)) $((py1 - py0)) -a_srs EPSG:3857 \
        -a_ullr $mx0 $my0 $mx1 $my1 d.tif "$out"
}
for z in $(seq $minzoom $maxzoom); do
    world=$((256 << z))
    if [ $z -le $world_maxzoom ]; then
        # GMT draws at most 360 degrees: the world in two halves, which meet at 0 degrees.
        draw $z 0 $((world / 2)) 0 $world z$z.west.tif
        draw $z $((world / 2)) $world 0 $world z$z.east.tif
        gdalbuildvrt -q z$z.vrt z$z.west.tif z$z.east.tif
        gdal_translate -q z$z.vrt z$z.tif
    else
        # The area widened to whole tiles.
        read px0 px1 py0 py1 < <(awk -v z=$z -v w=$west -v e=$east -v s=$south -v n=$north '
            function row(lat) { t = lat * pi / 180; return (1 - log(sin(t)/cos(t) + 1/cos(t)) / pi) / 2 * 2^z }
            function up(v) { return v == int(v) ? v : int(v) + 1 }
            BEGIN { pi = atan2(0, -1)
            printf "%d %d %d %d\n", int((w + 180) / 360 * 2^z) * 256, up((e + 180) / 360 * 2^z) * 256,
                int(row(n)) * 256, up(row(s)) * 256 }')
        draw $z $px0 $px1 $py0 $py1 z$z.tif
    fi
    px=$(gdalinfo z$z.tif | awk '/^Size is/ { sub(",", "", $3); print $3 }')
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

# City detail: the z9 tile of each place in institutions.csv (lat, lon) with its 8 neighbours,
# and the z8 tiles over them, as blocks "z x0 x1 y0 y1" (XYZ rows), each drawn on its own.
/usr/bin/python3 - "$here/../institutions.csv" $top_detail > blocks.txt <<'PY'
import csv, math, sys
z = int(sys.argv[2]); n = 2 ** z
blocks = set()
with open(sys.argv[1], encoding="utf-8") as f:
    for row in csv.DictReader(f):
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except (KeyError, ValueError):
            continue
        x = int((lon + 180) / 360 * n)
        t = math.radians(lat)
        y = int((1 - math.log(math.tan(t) + 1 / math.cos(t)) / math.pi) / 2 * n)
        blocks.add((z, x - 1, x + 1, y - 1, y + 1))
        blocks.add((z - 1, (x - 1) // 2, (x + 1) // 2, (y - 1) // 2, (y + 1) // 2))
for block in sorted(blocks):
    print(*block)
PY
for z in $detail_zooms; do mkdir -p t$z; done
while read -r z bx0 bx1 by0 by1; do
    # Drawn one tile wider on every side and only the block kept: resampling leaves a faint
    # line at a drawing's edge, and neighbouring places' blocks overlap.
    x0=$((bx0 - 1)) x1=$((bx1 + 1)) y0=$((by0 - 1)) y1=$((by1 + 1))
    # The drawing's edges in degrees and in Web Mercator metres, exactly on the tile grid.
    read w e s n mx0 mx1 my0 my1 < <(awk -v z=$z -v x0=$x0 -v x1=$x1 -v y0=$y0 -v y1=$y1 '
        function lat(y) { v = pi * (1 - 2 * y / m); return atan2(exp(v) - exp(-v), 2) * 180 / pi }
        BEGIN { pi = atan2(0, -1); m = 2^z; half = 20037508.342789244
        printf "%.9f %.9f %.9f %.9f %.3f %.3f %.3f %.3f\n", x0/m*360-180, (x1+1)/m*360-180,
            lat(y1+1), lat(y0), -half + x0*2*half/m, -half + (x1+1)*2*half/m,
            half - (y1+1)*2*half/m, half - y0*2*half/m }')
    wpx=$(( (x1 - x0 + 1) * 256 )); hpx=$(( (y1 - y0 + 1) * 256 ))
    inches=$(awk -v p=$wpx -v d=$dpi 'BEGIN { printf "%.4f", p/d }')
    gmt begin b png E$dpi
    gmt coast -R$w/$e/$s/$n -JM${inches}i --PROJ_ELLIPSOID=Sphere --MAP_FRAME_PEN=0p -Df -A0 \
        -G238/232/218 -S170/205/230 -C170/205/230 -W0.9p,95/110/125 -N1/0.7p,120/100/110 \
        -N2/0.4p,180/170/175 -I1/0.7p,150/190/220 -I2/0.5p,150/190/220
    gmt end
    gdal_translate -q -outsize $wpx $hpx -a_srs EPSG:3857 -a_ullr $mx0 $my1 $mx1 $my0 b.png b.tif
    rm -f b.mbtiles
    gdal_translate -q -of MBTiles -co TILE_FORMAT=PNG8 -co DITHER=NO -co ZOOM_LEVEL_STRATEGY=AUTO \
        -co RESAMPLING=BILINEAR b.tif b.mbtiles
    sqlite3 b.mbtiles "SELECT writefile('t$z/' || tile_column || '_' || tile_row || '.png', tile_data)
        FROM tiles WHERE zoom_level = $z AND tile_column BETWEEN $bx0 AND $bx1
            AND tile_row BETWEEN $(( (1 << z) - 1 - by1 )) AND $(( (1 << z) - 1 - by0 ))" >/dev/null
done < blocks.txt
for z in $detail_zooms; do
    find t$z -name '*.png' -print0 | xargs -0 -P2 -n 64 pngquant --force --ext .png --nofs --speed 1 16
    echo "z$z: $(ls t$z | wc -l) tiles around $(awk -v z=$z '$1 == z' blocks.txt | wc -l) places, $(cat t$z/*.png | wc -c) bytes"
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
    ('description', 'Coastlines and country borders of the world at z$minzoom-$world_maxzoom, of the Americas to z$maxzoom (z$maxzoom south of ${top_north}N), z8-$top_detail around the sample directory''s places, drawn with GMT'),
    ('bounds', '-180,-85.0511,180,85.0511'),
    ('center', '-80,5,3'),
    ('minzoom', '$minzoom'),
    ('maxzoom', '$top_detail'),
    ('attribution', 'Coastlines: GSHHG (Wessel & Smith, LGPL). Borders: GMT / DCW. Drawn with GMT.');
SQL
for z in $(seq $minzoom $maxzoom); do
    sqlite3 "$out.tmp" "ATTACH 'z$z.mbtiles' AS s;
        INSERT INTO tiles SELECT zoom_level, tile_column, tile_row,
            readfile('t$z/' || tile_column || '_' || tile_row || '.png') FROM s.tiles
        WHERE zoom_level = $z $( [ $z -eq $maxzoom ] && echo "AND tile_row <= $top_rows")
        ORDER BY tile_column, tile_row;"
done
for z in $detail_zooms; do
    ( cd t$z && for f in *.png; do c=${f%_*}; r=${f#*_}; r=${r%.png}
        echo "INSERT INTO tiles VALUES ($z, $c, $r, readfile('t$z/$f'));"; done ) |
        sqlite3 "$out.tmp"
done
sqlite3 "$out.tmp" 'VACUUM'
mv "$out.tmp" "$out"
echo "$out: $(stat -c %s "$out") bytes, $(sqlite3 "$out" 'SELECT COUNT(*) FROM tiles') tiles"
