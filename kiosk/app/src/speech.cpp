// SPDX-License-Identifier: GPL-3.0-or-later
// Read aloud in the main loop: state.speech (what the visitor asked) turned into the speaker's
// work after every action, the speaker's progress turned back into actions each poll, the
// listen bar's view, speech mode's keys (announce each screen, read the focused target), and
// what the state dump tells of it.
#include <algorithm>
#include <cmath>

#include <SDL.h>
#include "kiosk.h"

#include "platform/clock.h"
#include "platform/log.h"

namespace guichet::kiosk {
namespace {

// How often the main loop asks the speaker where it is while something is heard: the
// highlighted line moves at most this late; nothing polls while the kiosk is silent.
constexpr std::int64_t kSpeechPollMs = 100;
// After SDL's audio starts, the outputs already there are reported as added within this time.
constexpr std::int64_t kAudioSettleMs = 2000;

}  // namespace

void Kiosk::start_speech() {
    if (!options_.config.speech) return;
    // Start-with-speech on headphones: SDL reports outputs only while its audio subsystem runs,
    // so it starts now rather than at the first Listen.
    if (options_.config.speech_on_headphones && !options_.headless) {
        if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0)
            log::error("speech",
                       std::string("cannot watch for headphones (SDL audio): ") + SDL_GetError());
        else
            audio_watch_since_ms_ = clock::monotonic_ms();
    }
    std::unique_ptr<speech::Sink> sink =
        options_.headless && !options_.config.speech_wav.empty()
            ? speech::make_wav_sink(options_.config.speech_wav)
            : speech::make_sdl_sink();
    speaker_ = std::make_unique<speech::Speaker>(
        speech::SpeakerOptions{options_.config.speech_rate, options_.config.speech_volume},
        std::move(sink));
}

std::optional<std::string> Kiosk::voice_of(std::string_view language) const {
    if (!speaker_ || !options_.config.speech) return std::nullopt;
    return voice_for(language, options_.config.speech_voices, speech::voice_installed);
}

std::vector<SpokenLine> Kiosk::screen_speech() const {
    const std::string language = ui_language();
    const auto label = [&](std::string_view key) { return std::string(tr(key, language)); };
    if (state_.route.screen == Screen::language || state_.route.screen == Screen::welcome) {
        // Each language's name in its own voice, so a visitor who cannot read finds theirs.
        std::vector<SpokenLine> lines;
        for (const LanguageChoice& choice : offered_languages())
            lines.push_back({choice.native_name, choice.code, false});
        return lines;
    }
    if (!content_.get()) return {};
    // The fleet's alerts first: the band above every screen is what a visitor must hear first.
    std::vector<SpokenLine> lines;
    for (const AlertCard& card : alerts_for(language)) {
        const std::string& lang = card.shown_language.empty() ? language : card.shown_language;
        lines.push_back({label("alert." + card.severity), language, true});
        for (const std::string* text : {&card.title, &card.body})
            for (SpokenLine& line : text_to_speech(*text, lang)) lines.push_back(std::move(line));
        if (!lines.empty()) lines.back().pause_after = true;
    }
    for (SpokenLine& line : visitor_.speech(state_, language, label))
        lines.push_back(std::move(line));
    return lines;
}

ListenView Kiosk::listen_view() const {
    ListenView view;
    if (!speaker_) return view;
    const Screen screen = state_.route.screen;
    if (screen == Screen::language) {
        for (const LanguageChoice& choice : offered_languages())
            if (voice_of(choice.code)) view.available = true;
    } else if (screen != Screen::welcome && screen != Screen::staff &&
               (screen != Screen::search || state_.keyboard_hidden)) {
        // Every visitor screen can be heard in a language with a voice; search once the
        // keyboard is put away for the results (while typing, the bar's room is the field's:
        // at 800x480 in large text a Listen button there pushed the keyboard off the screen).
        view.available = voice_of(visitor_.shown_language(state_, ui_language())).has_value();
    }
    if (state_.speech.reading) {
        view.lines = static_cast<int>(reading_lines_.size());
        view.line = std::clamp(state_.speech.line, 0, std::max(0, view.lines - 1));
        if (view.lines > 0) {
            const SpokenLine& heard = reading_lines_[view.line];
            view.caption = heard.text;
            view.block = heard.block;
            view.from = heard.source_begin;
            view.to = heard.source_end;
        }
        view.reading = state_.speech.reading;
        view.problem = speaker_->problem();
        // Paused on a page with a text: the sentence stays marked in the text, and the bar says
        // what a visitor can do there (a tap on a paragraph reads from it).
        const bool has_body = std::any_of(reading_lines_.begin(), reading_lines_.end(),
                                          [](const SpokenLine& line) { return line.block >= 0; });
        if (state_.speech.paused && screen == Screen::detail && has_body)
            view.caption = std::string(tr("listen_from_here", ui_language()));
    }
    return view;
}

void Kiosk::sync_speech(const KioskState& before) {
    if (!speaker_) return;
    const std::int64_t now_ms = now();
    speaker_->set_options({options_.config.speech_rate, options_.config.speech_volume});
    const SpeechState& was = before.speech;
    SpeechState& is = state_.speech;
    if (is.volume_step != was.volume_step) speaker_->set_visitor_db(is.volume_step * kVolumeStepDb);
    // Speech mode: every new screen announces itself (it is read from the top), and a new
    // focus reads the target's label.
    if (spoken_focus_ && is.focus != was.focus)
        apply(state_, action::Listen{});
    else if (is.mode && (!was.mode || before.route != state_.route))
        apply(state_, action::Listen{});
    if (is.reading != was.reading || (is.reading && spoken_focus_)) {
        speaker_->stop(now_ms);
        reading_lines_.clear();
        if (is.reading) {
            std::vector<SpokenLine> lines;
            if (spoken_focus_)
                lines = {*spoken_focus_};
            else
                lines = screen_speech();
            std::vector<speech::Utterance> said;
            // A line whose language has no voice is left out, never read by another voice.
            for (SpokenLine& line : lines)
                if (auto voice = voice_of(line.language)) {
                    said.push_back({line.text, *voice, line.pause_after});
                    reading_lines_.push_back(std::move(line));
                }
            // Listen reads from the top of what is on screen: a body scrolled down starts at its
            // first visible block, not at the title above it; "read from here" at the block the
            // visitor held or tapped.
            const int start_block = is.from_block >= 0 ? is.from_block
                                    : state_.route.screen == Screen::detail
                                        ? visitor_.first_visible_block()
                                        : -1;
            if (!spoken_focus_ && is.line == 0 && start_block >= 0)
                for (std::size_t i = 0; i < reading_lines_.size(); ++i)
                    if (reading_lines_[i].block >= start_block) {
                        apply(state_, action::SpeechProgress{is.reading, static_cast<int>(i), false});
                        break;
                    }
            if (said.empty()) {
                is.reading = 0;
            } else {
                speaker_->set_visitor_db(is.volume_step * kVolumeStepDb);
                speaker_->say(is.reading, std::move(said), is.line, now_ms);
                next_speech_poll_ms_ = now_ms;
            }
        }
        spoken_focus_.reset();
    }
    if (is.paused != speaker_->paused()) speaker_->pause(is.paused, now_ms);
}

void Kiosk::poll_speech(std::int64_t now_ms) {
    if (!speaker_ || !speaker_->busy()) return;
    // A script's clock runs ahead of the real one: let synthesis catch up, so a scripted run
    // hears the same lines at the same kiosk times whatever the machine's load.
    if (virtual_clock_) speaker_->wait_for_synthesis(5000);
    // Every frame until the first line is heard (first sound soon after the tap), then at the
    // highlight's pace.
    next_speech_poll_ms_ = now_ms + (speaker_->first_sound_ms() < 0 ? 16 : kSpeechPollMs);
    const speech::SpeakerStatus status = speaker_->poll(now_ms);
    if (status.reading == 0 || status.reading != state_.speech.reading) return;
    // Listening is using the kiosk: a long article read aloud never runs into the idle reset.
    // A paused reading does not count, so a visitor who walked away is still forgotten.
    if (!state_.speech.paused) apply(state_, action::Touched{now_ms});
    if (status.line != state_.speech.line || status.finished)
        apply_action(action::SpeechProgress{status.reading, status.line, status.finished});
}

std::vector<std::string> Kiosk::focus_order() const {
    std::vector<std::pair<ImVec4, std::string>> targets;
    for (const auto& [name, info] : touch_.target_details())
        if (!info.label.empty()) targets.push_back({info.rect, name});
    std::sort(targets.begin(), targets.end(), [&](const auto& a, const auto& b) {
        if (std::abs(a.first.y - b.first.y) > 4) return a.first.y < b.first.y;
        return reading_right_to_left() ? a.first.x > b.first.x : a.first.x < b.first.x;
    });
    std::vector<std::string> names;
    for (const auto& target : targets) names.push_back(target.second);
    return names;
}

void Kiosk::key(const std::string& name) {
    apply_action(action::Touched{now()});
    if (!options_.config.speech_key.empty() && name == options_.config.speech_key) {
        apply_action(action::ToggleSpeechMode{});
        return;
    }
    // Staff mode is never read aloud: its PIN pad must not be heard over a visitor's shoulder.
    if (!state_.speech.mode || state_.route.screen == Screen::staff) return;
    const std::vector<std::string> order = focus_order();
    if (order.empty()) return;
    const int count = static_cast<int>(order.size());
    int focus = state_.speech.focus;
    if (name == "Tab" || name == "Right" || name == "Down") {
        focus = (focus + 1) % count;
    } else if (name == "Left" || name == "Up") {
        focus = focus <= 0 ? count - 1 : focus - 1;
    } else if ((name == "Return" || name == "Space") && focus >= 0 && focus < count) {
        // The focused target pressed as a finger would.
        if (auto center = touch_.target_center(order[focus])) {
            press(Press::down, center->x, center->y, 0);
            press(Press::up, center->x, center->y, 0);
        }
        return;
    } else {
        return;
    }
    const auto details = touch_.target_details();
    const auto found = details.find(order[focus]);
    // A language's own button is read in its own voice; everything else in the visitor's.
    std::string language = ui_language();
    if (order[focus].starts_with("lang.")) language = order[focus].substr(5);
    spoken_focus_ = SpokenLine{found != details.end() ? found->second.label : order[focus],
                               language, false};
    apply_action(action::SpeechFocus{focus});
}

void Kiosk::audio_output_added() {
    // SDL announces the outputs present when its audio starts as "added": not a plug.
    if (!options_.headless && (audio_watch_since_ms_ < 0 ||
                               clock::monotonic_ms() - audio_watch_since_ms_ < kAudioSettleMs))
        return;
    if (!options_.config.speech_on_headphones || !speaker_ || state_.speech.mode ||
        state_.route.screen == Screen::staff)
        return;
    log::info("speech", "a sound output was plugged in: speech mode starts");
    apply_action(action::Touched{now()});
    apply_action(action::ToggleSpeechMode{});
}

void Kiosk::describe_speech(RunFacts& facts) const {
    if (!speaker_) return;
    const ListenView view = listen_view();
    facts.speech_available = view.available;
    facts.speech_caption = view.caption;
    facts.speech_voice = voice_of(visitor_.shown_language(state_, ui_language())).value_or("");
    facts.speech_sink = speaker_->sink_name();
    facts.speech_queued = speaker_->queued();
    facts.speech_first_sound_ms = speaker_->first_sound_ms();
    facts.speech_stopped_ms = speaker_->stopped_at_ms();
    for (const speech::UtteranceRecord& record : speaker_->records())
        facts.speech_utterances.push_back({{"reading", record.reading},
                                           {"line", record.line},
                                           {"text", record.text},
                                           {"voice", record.voice},
                                           {"start_ms", record.start_ms},
                                           {"samples", record.samples},
                                           {"heard_samples", record.heard_samples},
                                           {"rms", record.rms},
                                           {"file", record.file},
                                           {"stopped", record.stopped}});
    facts.speech_synth_s = speaker_->synth_seconds();
    facts.speech_audio_s = speaker_->audio_seconds();
}

}  // namespace guichet::kiosk
