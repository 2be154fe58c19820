// guichet-kiosk: the touchscreen program. For now a home screen of tiles, drawn in a window
// or, with no display, headless into PNG screenshots.
#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "platform/display/display.h"
#include "platform/log.h"

namespace {

struct Options {
    guichet::display::DisplayOptions display;
    std::filesystem::path screenshots_dir = "guichet-screenshots";
    int max_frames = -1;  // windowed: run until closed
};

void usage() {
    std::puts(
        "usage: guichet-kiosk [--headless] [--windowed] [--size WxH] [--screenshots DIR]\n"
        "                     [--frames N]");
}

bool parse_size(std::string_view text, int& width, int& height) {
    return std::sscanf(std::string(text).c_str(), "%dx%d", &width, &height) == 2 && width > 0 &&
           height > 0;
}

void draw_home(const char* const* tiles, int tile_count) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    ImGui::Begin("home", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings);
    ImGui::TextUnformatted("Guichet");
    ImGui::Separator();
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const int columns = 4;
    const float tile_width = (ImGui::GetContentRegionAvail().x - spacing * (columns - 1)) / columns;
    for (int i = 0; i < tile_count; ++i) {
        if (i % columns != 0) ImGui::SameLine();
        ImGui::Button(tiles[i], ImVec2(tile_width, tile_width * 0.6f));
    }
    ImGui::End();
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    bool force_headless = false;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        auto next = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
        if (arg == "--headless") {
            force_headless = true;
        } else if (arg == "--windowed") {
            options.display.fullscreen = false;
        } else if (arg == "--size") {
            const char* value = next();
            if (!value || !parse_size(value, options.display.width, options.display.height)) {
                std::fprintf(stderr, "guichet-kiosk: --size wants WIDTHxHEIGHT, e.g. 1920x1080\n");
                return 2;
            }
        } else if (arg == "--screenshots") {
            const char* value = next();
            if (!value) return usage(), 2;
            options.screenshots_dir = value;
        } else if (arg == "--frames") {
            const char* value = next();
            if (!value) return usage(), 2;
            options.max_frames = std::atoi(value);
        } else if (arg == "--help" || arg == "-h") {
            usage();
            return 0;
        } else {
            std::fprintf(stderr, "guichet-kiosk: unknown option %s\n", argv[i]);
            usage();
            return 2;
        }
    }
    options.display.headless = force_headless || !guichet::display::display_available();
    if (options.display.headless && !force_headless)
        std::printf("guichet-kiosk: no display available; running headless, screenshots in %s\n",
                    options.screenshots_dir.c_str());

    auto display = guichet::display::Display::open(options.display);
    if (!display) {
        std::fprintf(stderr, "guichet-kiosk: %s\n", display.message().c_str());
        return 1;
    }
    ImGuiIO& io = ImGui::GetIO();
    const char* font = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
    if (std::filesystem::exists(font)) io.Fonts->AddFontFromFileTTF(font, 36.0f);
    ImGui::GetStyle().ScaleAllSizes(2.0f);

    static const char* const kTiles[] = {"Rights",     "Integration", "Return",    "Institutions",
                                         "Legislation", "Seasonal work", "Statistics", "News",
                                         "Cooperation", "About"};
    const int tile_count = static_cast<int>(std::size(kTiles));

    if ((*display)->headless()) {
        std::error_code ec;
        std::filesystem::create_directories(options.screenshots_dir, ec);
        const auto png = options.screenshots_dir / "home.png";
        // Two frames: ImGui lays out windows on the first and draws them settled on the second.
        for (int frame = 0; frame < 2; ++frame) {
            (*display)->begin_frame();
            draw_home(kTiles, tile_count);
            auto saved = (*display)->end_frame(frame == 1 ? &png : nullptr);
            if (!saved) {
                std::fprintf(stderr, "guichet-kiosk: %s\n", saved.message().c_str());
                return 1;
            }
        }
        std::printf("guichet-kiosk: wrote %s\n", png.c_str());
        return 0;
    }

    bool running = true;
    for (int frame = 0; running && frame != options.max_frames; ++frame) {
        SDL_Event event;
        if (SDL_WaitEventTimeout(&event, 500)) {
            do {
                ImGui_ImplSDL2_ProcessEvent(&event);
                if (event.type == SDL_QUIT) running = false;
            } while (SDL_PollEvent(&event));
        }
        (*display)->begin_frame();
        draw_home(kTiles, tile_count);
        (void)(*display)->end_frame();
    }
    return 0;
}
