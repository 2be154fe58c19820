// SPDX-License-Identifier: GPL-3.0-or-later
// Read aloud's costs on this machine, as the kiosk pays them: the Speaker with its worker
// thread, polled as the main loop polls it. Prints: memory at rest (speaker made, nothing
// said), first sound after say() (median of runs, poll every 16 ms as the kiosk does until
// the first line is queued), synthesis real-time factor per voice, memory after first use,
// and the CPU the process uses over seconds of silence.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/speech.h"
#include "speech/speaker.h"

using namespace guichet::kiosk;
using Clock = std::chrono::steady_clock;

namespace {

long rss_kib() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

double cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec +
           usage.ru_stime.tv_usec / 1e6;
}

class NullSink final : public speech::Sink {
  public:
    guichet::Result<void> queue(const std::vector<std::int16_t>& samples, int, const speech::Utterance&,
                                std::int64_t, int, std::int64_t) override {
        if (first == Clock::time_point{}) first = Clock::now();
        total += static_cast<std::int64_t>(samples.size());
        return {};
    }
    void pause(bool, std::int64_t) override {}
    void clear(std::int64_t) override { first = {}; }
    std::int64_t played(std::int64_t) const override { return 0; }
    std::string name() const override { return "null"; }
    Clock::time_point first{};
    std::int64_t total = 0;
};

const std::vector<std::pair<std::string, std::string>> kSentences = {
    {"es-419", "La Convención Internacional sobre la protección de los derechos de todos los "
               "trabajadores migratorios y de sus familiares fue adoptada el 18 de diciembre de 1990."},
    {"pt-br", "A Convenção Internacional sobre a proteção dos direitos de todos os trabalhadores "
              "migrantes e dos membros das suas famílias foi adotada em 18 de dezembro de 1990."},
    {"fr", "La Convention internationale sur la protection des droits de tous les travailleurs "
           "migrants et des membres de leur famille a été adoptée le 18 décembre 1990."},
    {"en-us", "The International Convention on the Protection of the Rights of All Migrant "
              "Workers and Members of Their Families was adopted on 18 December 1990."},
    {"ht", "Konvansyon entènasyonal sou pwoteksyon dwa tout travayè migran yo ak fanmi yo te "
           "adopte 18 desanm 1990."},
    {"ar", "اعتمدت الجمعية العامة للأمم المتحدة الاتفاقية الدولية لحماية حقوق جميع العمال "
           "المهاجرين وأفراد أسرهم في 18 ديسمبر 1990."},
};

}  // namespace

int main(int argc, char** argv) {
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 21;
    const long rss_start = rss_kib();
    auto owned = std::make_unique<NullSink>();
    NullSink* sink = owned.get();
    speech::Speaker speaker({160, 70}, std::move(owned));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    const long rss_rest = rss_kib();
    std::printf("memory: process %ld KiB before the speaker, %ld KiB with it at rest (nothing said)\n",
                rss_start, rss_rest);

    // First sound: say() as a Listen tap does, then poll every 16 ms (a frame) until a line
    // reaches the sink. The first run also loads eSpeak and the voice: reported apart.
    std::vector<double> latencies;
    double cold = 0;
    for (int run = 0; run <= runs; ++run) {
        const auto& [voice, text] = kSentences[run % kSentences.size()];
        const auto tap = Clock::now();
        speaker.say(run + 1, {{text, voice, false}, {text, voice, false}}, 0, 0);
        while (sink->first == Clock::time_point{}) {
            speaker.poll(0);
            if (sink->first != Clock::time_point{}) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(16));
        }
        const double ms = std::chrono::duration<double, std::milli>(sink->first - tap).count();
        if (run == 0)
            cold = ms;
        else
            latencies.push_back(ms);
        speaker.stop(0);
    }
    std::sort(latencies.begin(), latencies.end());
    std::printf("first sound after Listen: cold (eSpeak and voice loaded) %.1f ms; warm median "
                "%.1f ms, max %.1f ms over %zu runs (voices cycling, polled per 16 ms frame)\n",
                cold, latencies[latencies.size() / 2], latencies.back(), latencies.size());
    const long rss_used = rss_kib();

    // Real-time factor per voice: synthesis seconds per second of sound (one thread).
    for (const auto& [voice, text] : kSentences) {
        int rate = 0;
        double best = 1e9, audio = 0;
        for (int i = 0; i < 5; ++i) {
            const auto began = Clock::now();
            auto samples = speech::synthesise_now(text, voice, 160, &rate);
            const double took = std::chrono::duration<double>(Clock::now() - began).count();
            if (!samples) {
                std::printf("  %s: %s\n", voice.c_str(), samples.message().c_str());
                break;
            }
            best = std::min(best, took);
            audio = static_cast<double>(samples->size()) / rate;
        }
        std::printf("real-time factor %-7s %.4f (%.1f ms for %.2f s of sound)\n", voice.c_str(),
                    best / audio, best * 1000, audio);
    }
    const long rss_all = rss_kib();
    std::printf("memory: %ld KiB after first use (one voice at a time loaded, +%ld KiB over rest); "
                "%ld KiB after all six voices\n",
                rss_used, rss_used - rss_rest, rss_all);

    // Silence: the worker waits on a condition variable; nothing polls.
    const double cpu_before = cpu_seconds();
    std::this_thread::sleep_for(std::chrono::seconds(5));
    const double cpu_idle = cpu_seconds() - cpu_before;
    std::printf("CPU while silent: %.4f s over 5 s (%.3f %% of a core)\n", cpu_idle, cpu_idle / 5 * 100);
    return 0;
}
