#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# End-to-end test of the board's first-boot script (image/rootfs/usr/lib/guichet/firstboot)
# on temporary folders: kiosk id, operator file applied, bad files rejected with FILE:LINE
# and nothing lost, sample content only until sync has a store; the software updater's own
# folder (root's): made, carried over from the old place only when it was root's alone, and
# anything else found in its place set aside, never used.
set -euo pipefail
script=${1:?usage: firstboot_test.sh PATH/TO/firstboot [PATH/TO/guichet-kiosk]}
kiosk=${2:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
state=$tmp/state boot=$tmp/boot sample=$tmp/sample.db updater=$tmp/updater
zoneinfo=$tmp/zoneinfo
mkdir -p "$boot" "$zoneinfo/Europe"
echo "TZif" > "$zoneinfo/Europe/Paris"
echo "sample" > "$sample"
failures=0
firstboot() {
    GUICHET_STATE_DIR=$state GUICHET_UPDATER_DIR=$updater GUICHET_UPDATER_STORE=$updater GUICHET_BOOT_DIR=$boot GUICHET_SAMPLE_CONTENT=$sample \
        GUICHET_KIOSK=${kiosk:-/nonexistent/guichet-kiosk} GUICHET_ZONEINFO=$zoneinfo GUICHET_OWNER=${owner:-$(id -un)} GUICHET_ROOT_OWNER=$(id -un) "$script" > "$tmp/out" 2>&1
}
expect() {  # DESCRIPTION COMMAND...
    if "${@:2}"; then echo "ok: $1"; else echo "FAILED: $1"; failures=$((failures + 1)); fi
}
has_line() { grep -qxF -- "$2" "$1"; }

# 1. First boot, no operator file.
firstboot
id=$(cat "$state/kiosk-id")
expect "a kiosk id is generated" grep -qE '^kiosk-[0-9a-f]{12}$' "$state/kiosk-id"
expect "kiosk.conf points at the sample content" has_line "$state/kiosk.conf" "content = $sample"
expect "kiosk.conf names the state folder" has_line "$state/kiosk.conf" "state_dir = $state"
expect "no background sync without a source" bash -c "! grep -q '^sync_config' '$state/kiosk.conf'"
expect "no sync.conf without an operator file" test ! -e "$state/sync.conf"
expect "no screen.conf without an operator file: the screen never goes dark" test ! -e "$state/screen.conf"
firstboot
expect "the kiosk id survives the next boot" test "$(cat "$state/kiosk-id")" = "$id"

# 2. A good operator file.
echo '{"signed": {"_type": "root"}}' > "$boot/root.json"
cat > "$boot/guichet.txt" <<'TXT'
# settings
[sync]
source = https://content.example.org/g/
trusted_root = root.json
proxy = http://proxy:3128

[kiosk]
rotation = 90
languages = es, fr

[screen]
blank_after_minutes = 10
off_hours = 22:30-07:00
timezone = Europe/Paris

[fleet]
location = https://status.example.org/fleet/
site_name = Consulado de Tapachula
TXT
firstboot
expect "fleet.conf gets the status location" has_line "$state/fleet.conf" "location = https://status.example.org/fleet/"
expect "fleet.conf gets the site name" has_line "$state/fleet.conf" "site_name = Consulado de Tapachula"
expect "screen.conf gets the idle time" has_line "$state/screen.conf" "blank_after_minutes = 10"
expect "screen.conf gets the night" has_line "$state/screen.conf" "off_hours = 22:30-07:00"
expect "screen.conf gets the time zone" has_line "$state/screen.conf" "timezone = Europe/Paris"
expect "screen settings stay out of kiosk.conf" bash -c "! grep -q off_hours '$state/kiosk.conf'"
cp "$state/screen.conf" "$tmp/screen.conf.good"
expect "sync.conf has the source" has_line "$state/sync.conf" "source = https://content.example.org/g/"
expect "sync.conf has the fixed state folder" has_line "$state/sync.conf" "state_dir = $state"
expect "sync.conf trusts the copied root.json" has_line "$state/sync.conf" "trusted_root = $state/trusted-root.json"
expect "sync.conf keeps other sync settings" has_line "$state/sync.conf" "proxy = http://proxy:3128"
expect "kiosk.conf runs the kiosk's background sync" has_line "$state/kiosk.conf" "sync_config = $state/sync.conf"
expect "root.json is copied into the state" cmp -s "$boot/root.json" "$state/trusted-root.json"
expect "kiosk.conf gets the [kiosk] settings" has_line "$state/kiosk.conf" "rotation = 90"
expect "kiosk.conf keeps list values whole" has_line "$state/kiosk.conf" "languages = es, fr"
cp "$state/sync.conf" "$tmp/sync.conf.good"
expect "the updater gets its own sync.conf, in its own folder" has_line "$updater/root/sync.conf" "state_dir = $updater/root"
expect "from the same source" has_line "$updater/root/sync.conf" "source = https://content.example.org/g/"
expect "with the same transfer settings" has_line "$updater/root/sync.conf" "proxy = http://proxy:3128"
expect "trusting its own copy of root.json" has_line "$updater/root/sync.conf" "trusted_root = $updater/root/trusted-root.json"
expect "which is the operator's root.json" cmp -s "$boot/root.json" "$updater/root/trusted-root.json"
expect "the updater's folder is its owner's only" test "$(stat -c %a "$updater/root")" = 700
expect "no update tags without [update]" bash -c "! grep -q '^tags' '$updater/root/update.conf'"

# 2b. [update]: tags and the idle time before a reboot into a new slot.
printf '[sync]\nsource = https://content.example.org/g/\ntrusted_root = root.json\n[update]\ntags = pilot, mexico\nidle_minutes = 0\n' > "$boot/guichet.txt"
firstboot
expect "update.conf gets the tags" has_line "$updater/root/update.conf" "tags = pilot, mexico"
expect "update.conf gets the idle time" has_line "$updater/root/update.conf" "idle_minutes = 0"
printf '[update]\ntags = Pilot Group\nidle_minutes = soon\nchannel = beta\n' > "$boot/guichet.txt"
firstboot
expect "tags that are not names are refused with their line" grep -qF "$boot/guichet.txt:2: [update] tags wants names" "$tmp/out"
expect "an idle time that is not minutes is refused" grep -qF "$boot/guichet.txt:3: [update] idle_minutes wants minutes" "$tmp/out"
expect "an unknown update setting is refused" grep -qF "$boot/guichet.txt:4: [update] has no setting \"channel\"" "$tmp/out"
expect "the update settings in force are kept" has_line "$updater/root/update.conf" "tags = pilot, mexico"
cat > "$boot/guichet.txt" <<'TXT'
[sync]
source = https://content.example.org/g/
trusted_root = root.json
proxy = http://proxy:3128
[kiosk]
rotation = 90
languages = es, fr
[screen]
blank_after_minutes = 10
off_hours = 22:30-07:00
timezone = Europe/Paris
[fleet]
location = https://status.example.org/fleet/
site_name = Consulado de Tapachula
TXT
firstboot

# 3. A bad operator file: every mistake reported with FILE:LINE, nothing applied.
cat > "$boot/guichet.txt" <<'TXT'
[sync]
source https://elsewhere.example.org/
[display]
state_dir = /tmp
TXT
firstboot
expect "a line without '=' is reported with its line" grep -qF "$boot/guichet.txt:2: want \`key = value\`" "$tmp/out"
expect "an unknown section is reported with its line" grep -qF "$boot/guichet.txt:3: unknown section [display]" "$tmp/out"
expect "state_dir is refused with its line" grep -qF "$boot/guichet.txt:4: state_dir is fixed" "$tmp/out"
expect "the settings in force are kept" cmp -s "$tmp/sync.conf.good" "$state/sync.conf"
expect "kiosk.conf keeps the operator's settings" has_line "$state/kiosk.conf" "rotation = 90"

# 3b. Bad [screen] values: reported with their lines, nothing applied.
cat > "$boot/guichet.txt" <<'TXT'
[screen]
blank_after_minutes = ten
off_hours = 22h-7h
timezone = Mars/Olympus
brightness = 50
TXT
firstboot
expect "minutes that are not a number are refused" grep -qF "$boot/guichet.txt:2: blank_after_minutes wants minutes" "$tmp/out"
expect "off hours not HH:MM-HH:MM are refused" grep -qF "$boot/guichet.txt:3: off_hours wants HH:MM-HH:MM" "$tmp/out"
expect "an unknown time zone is refused" grep -qF "$boot/guichet.txt:4: timezone: no time zone \"Mars/Olympus\"" "$tmp/out"
expect "an unknown screen setting is refused" grep -qF "$boot/guichet.txt:5: [screen] has no setting \"brightness\"" "$tmp/out"
expect "the screen settings in force are kept" cmp -s "$tmp/screen.conf.good" "$state/screen.conf"
printf '[screen]\noff_hours = 07:00-07:00\n' > "$boot/guichet.txt"
firstboot
expect "an empty night is refused" grep -qF "$boot/guichet.txt:2: off_hours starts and ends at the same time" "$tmp/out"

# 3c. A [fleet] setting the kiosk does not know: reported with its line, nothing applied.
printf '[fleet]\nlocation = /srv/fleet/\nsite = X\n' > "$boot/guichet.txt"
firstboot
expect "an unknown fleet setting is refused" grep -qF "$boot/guichet.txt:3: [fleet] has no setting \"site\"" "$tmp/out"
expect "the fleet settings in force are kept" has_line "$state/fleet.conf" "site_name = Consulado de Tapachula"

# 4. source without its root.json file: refused.
printf '[sync]\nsource = https://x.example.org/\ntrusted_root = missing.json\n' > "$boot/guichet.txt"
firstboot
expect "a missing root.json is reported" grep -qF "trusted_root: $boot/missing.json is missing" "$tmp/out"
expect "and the settings in force are kept" cmp -s "$tmp/sync.conf.good" "$state/sync.conf"

# 5. Once sync has made a store current, the kiosk follows it, not the sample.
mkdir -p "$state/content" && echo '{"current": {}}' > "$state/content/current.json"
firstboot
expect "no sample content once sync has a store" bash -c "! grep -q '^content = ' '$state/kiosk.conf'"

# 6. The operator file removed: the applied settings stay.
rm "$boot/guichet.txt"
firstboot
expect "removing guichet.txt keeps the settings" cmp -s "$tmp/sync.conf.good" "$state/sync.conf"

# 7. A file without [screen]: the screen goes back to never dark.
printf '[kiosk]\nrotation = 0\n' > "$boot/guichet.txt"
firstboot
expect "no [screen] section removes screen.conf" test ! -e "$state/screen.conf"
expect "the kiosk id never changes" test "$(cat "$state/kiosk-id")" = "$id"

# 8. What staff changed in staff mode outlives a reboot; a newly applied guichet.txt wins for
#    the keys it sets. The kiosk takes the last value of a key.
last_value() { sed -n "s/^$2 = //p" "$1" | tail -n 1; }
sed -i 's/^rotation = .*/rotation = 180/' "$state/kiosk.conf"
echo "idle_timeout = 45" >> "$state/kiosk.conf"
firstboot
expect "staff's rotation survives a reboot" test "$(last_value "$state/kiosk.conf" rotation)" = 180
expect "staff's idle timeout survives a reboot" test "$(last_value "$state/kiosk.conf" idle_timeout)" = 45
printf '[kiosk]\nrotation = 90\n' > "$boot/guichet.txt"
firstboot
expect "a new guichet.txt wins for the key it sets" test "$(last_value "$state/kiosk.conf" rotation)" = 90
expect "and staff's other settings stay" test "$(last_value "$state/kiosk.conf" idle_timeout)" = 45
expect "no [fleet] section removes fleet.conf" test ! -e "$state/fleet.conf"

# 9. [staff] pin: set through the kiosk's own --set-pin (an Argon2id hash, never the digits).
printf '[staff]\npin = 12ab\n' > "$boot/guichet.txt"
firstboot
expect "a PIN that is not 4 to 12 digits is refused with its line" grep -qF "$boot/guichet.txt:2: [staff] pin wants 4 to 12 digits" "$tmp/out"
expect "and no PIN is stored" test ! -e "$state/staff/pin.json"
if [ -n "$kiosk" ]; then
    printf '[staff]\npin = 482619\n' > "$boot/guichet.txt"
    firstboot
    expect "the staff PIN is stored" test -s "$state/staff/pin.json"
    expect "as a hash: the digits are nowhere in the state folder" bash -c "! grep -rq 482619 '$state'"
    expect "readable by the kiosk's user only" test "$(stat -c %a "$state/staff/pin.json")" = 600
else
    echo "skipped: [staff] pin with a real kiosk (no guichet-kiosk given)"
fi

# 10. The software updater's folder: root's alone, outside the kiosk's; the kiosk id copied.
expect "the updater's folder is readable by all, writable by its owner only" test "$(stat -c %a "$updater")" = 755
expect "its public/ too" test "$(stat -c %a "$updater/public")" = 755
expect "its RAUC folder is its owner's only" test "$(stat -c %a "$updater/rauc")" = 700
expect "it keeps its own copy of the kiosk id" cmp -s "$state/kiosk-id" "$updater/root/kiosk-id"
expect "nothing of it is left in the kiosk's folder" test ! -e "$state/software"
echo "kiosk-chosen-by-the-kiosk" > "$state/kiosk-id.mine"
mv "$state/kiosk-id.mine" "$state/kiosk-id"
firstboot
expect "a kiosk id changed later does not change the updater's" test "$(cat "$updater/root/kiosk-id")" = "$id"
echo "$id" > "$state/kiosk-id"

# 10b. What a compromised kiosk user could have left in the updater's place is set aside.
printf '[sync]\nsource = https://content.example.org/g/\ntrusted_root = root.json\n' > "$boot/guichet.txt"
mkdir -p "$tmp/planted/root"
echo "source = https://attacker.example/" > "$tmp/planted/root/sync.conf"
rm -rf "$updater"
ln -s "$tmp/planted" "$updater"
firstboot
expect "a symlink in the updater's place is reported" grep -qF "$updater: symbolic link owned by" "$tmp/out"
expect "and set aside" bash -c "ls -d '$updater'.untrusted-* | grep -q ."
expect "a real folder is made in its place" bash -c "[ -d '$updater' ] && [ ! -L '$updater' ]"
expect "with the operator's settings, not the planted ones" has_line "$updater/root/sync.conf" "source = https://content.example.org/g/"
expect "the planted file is untouched" has_line "$tmp/planted/root/sync.conf" "source = https://attacker.example/"
rm -rf "$updater".untrusted-*
chmod 0777 "$updater/root"
firstboot
expect "a root/ others can write is reported" grep -qF "$updater/root: directory owned by $(id -un) (uid $(id -u)), mode 777" "$tmp/out"
expect "and replaced by one only its owner can write" test "$(stat -c %a "$updater/root")" = 700
expect "with its settings written again" has_line "$updater/root/sync.conf" "state_dir = $updater/root"
expect "and the kiosk id" cmp -s "$state/kiosk-id" "$updater/root/kiosk-id"

# 10c. A board from before: root's records in $state/software move over once; a folder others
#      could write there is not carried over.
old_updater=$updater
updater=$tmp/updater-new
mkdir -p "$state/software/root" "$state/software/public" "$state/software/rauc"
chmod 0755 "$state/software" "$state/software/public"
chmod 0700 "$state/software/root" "$state/software/rauc"
echo '{"version": "2.0", "slot": "B"}' > "$state/software/root/pending.json"
echo 'central status' > "$state/software/rauc/central.raucs"
firstboot
expect "the update waiting for its trial moves over" has_line "$updater/root/pending.json" '{"version": "2.0", "slot": "B"}'
expect "and RAUC's status" has_line "$updater/rauc/central.raucs" "central status"
expect "the old folder is gone" test ! -e "$state/software"
expect "the move is reported" grep -qF "moved from $state/software to $updater" "$tmp/out"
updater=$tmp/updater-newer
mkdir -p "$state/software/root"
chmod 0777 "$state/software"
echo '{"version": "6.6.6", "slot": "B"}' > "$state/software/root/pending.json"
firstboot
expect "a writable old folder is not carried over" test ! -e "$updater/root/pending.json"
expect "and says so" grep -qF "$state/software is not root's alone" "$tmp/out"
updater=$old_updater

# 11. Root never writes through, nor reads from, a name the kiosk user could have prepared.
echo "root's own file" > "$tmp/victim"
echo "secret = of root's" > "$tmp/secret"
ln -s "$tmp/victim" "$state/kiosk.conf.new"
ln -s "$tmp/victim" "$state/sync.conf.new"
mv "$state/kiosk-operator.conf" "$tmp/kiosk-operator.conf.real"
ln -s "$tmp/secret" "$state/kiosk-operator.conf"
printf '[sync]\nsource = https://content.example.org/g/\ntrusted_root = root.json\n' > "$boot/guichet.txt"
firstboot
expect "a symlink at a temp name is not written through" test "$(cat "$tmp/victim")" = "root's own file"
expect "kiosk.conf is a file of its own again" bash -c "[ -f '$state/kiosk.conf' ] && [ ! -L '$state/kiosk.conf' ]"
expect "a symlinked kiosk-operator.conf is not read" bash -c "! grep -q 'of root' '$state/kiosk.conf'"
expect "sync.conf is written (the symlinked temp name replaced)" has_line "$state/sync.conf" "source = https://content.example.org/g/"
rm -f "$state/guichet.txt.applied"
mkfifo "$state/guichet.txt.applied"
rc=0
timeout 20 bash -c "$(declare -f firstboot); state='$state' updater='$updater' boot='$boot' sample='$sample' kiosk='$kiosk' zoneinfo='$zoneinfo' script='$script' tmp='$tmp' firstboot" || rc=$?
expect "a FIFO in place of a record does not hang the boot" test "$rc" -eq 0

# 12. Run as root for a kiosk user that is not root (as on a board), the PIN is set by the kiosk
# program running as that user, never by root writing into the kiosk's folder.
if [ -n "$kiosk" ] && [ "$(id -u)" = 0 ] && id daemon > /dev/null 2>&1; then
    fresh=$tmp/as-user
    mkdir -p "$fresh/state" "$fresh/boot"
    chmod 755 "$tmp" "$fresh"
    chown daemon:daemon "$fresh/state"
    printf '[staff]\npin = 482619\n' > "$fresh/boot/guichet.txt"
    state=$fresh/state boot=$fresh/boot owner=daemon firstboot || cat "$tmp/out"
    expect "a board's first boot sets the PIN as the kiosk's user" \
        test "$(stat -c %U "$fresh/state/staff/pin.json" 2>/dev/null)" = daemon
else
    echo "skipped: the PIN as a kiosk user that is not root (needs root, a kiosk and the daemon user)"
fi

[ "$failures" -eq 0 ] || { echo "$failures failure(s)"; exit 1; }
echo "all first-boot checks passed"
