// SPDX-License-Identifier: GPL-3.0-or-later
// Scripted input for headless runs and tests: one command per line, driven through the same
// pointer and keyboard paths as a finger. Errors are `FILE:LINE: message`.
//   tap X Y | tap @TARGET          press and lift at a point, or on a named on-screen target
//                                  (@back, @home, @lang.fr, @tile.ID, @row.N, @item.ID, @key.é)
//   tap-if-shown @TARGET           tap the target where this frame shows it, else nothing (a
//                                  walk over many sizes: the bar's @more only where it folds)
//   drag X1 Y1 X2 Y2 MS            press, move over MS milliseconds, lift
//   pinch X Y FROM TO MS           two fingers about X Y, side by side FROM pixels apart,
//                                  spreading to TO over MS milliseconds, then lifted (the map)
//   hold @TARGET MS                press on a target's centre, keep still MS ms, lift (staff's
//                                  hidden corner at any screen size)
//   type TEXT                      tap each character's key on the on-screen keyboard
//   wait MS                        let MS milliseconds of (virtual) time pass
//   screenshot NAME                write NAME.png into the screenshots folder, and beside it
//                                  NAME.layout.json, the frame's layout report
//   expect KEY VALUE               stop with an error unless the state's KEY is VALUE ("" for
//                                  an empty value, !VALUE for anything else)
//   replace-content FILE           put FILE in place of the content store, as sync would
//   sync-now                       ask the background sync for an attempt (as staff's "Sync
//                                  now") and wait, in real time, until it ends
//   key NAME                       press a key by its SDL name (F9, Tab, Return): speech mode
//   audio-device-added             as if the board reported headphones plugged in (a sound
//                                  output added: SDL_AUDIODEVICEADDED)
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.h"

namespace guichet::kiosk {

struct ScriptCommand {
    enum class Kind {
        tap,
        tap_target,
        tap_if_shown,
        drag,
        pinch,
        hold_target,
        type,
        wait,
        screenshot,
        expect,
        replace_content,
        sync_now,
        key,
        audio_device_added
    };
    Kind kind = Kind::wait;
    int line = 0;
    float x1 = 0, y1 = 0, x2 = 0, y2 = 0;  // pinch: centre x1 y1, spread x2 -> y2
    int ms = 0;
    std::string text;   // type: text; tap_target: target; screenshot: name; expect: key;
                        // replace_content: file
    std::string value;  // expect: wanted value
};

Result<std::vector<ScriptCommand>> parse_script(std::string_view text, std::string_view file_name);
Result<std::vector<ScriptCommand>> load_script(const std::filesystem::path& file);

}  // namespace guichet::kiosk
