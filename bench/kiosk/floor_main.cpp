// SPDX-License-Identifier: GPL-3.0-or-later
// The floor the kiosk is measured against: the smallest SDL2 + Dear ImGui 1.86 program that
// draws an equivalent home screen (six tiles and a 200-entry list), with the stock SDL2 and
// SDL_Renderer backends. Same flags as the kiosk's bench mode:
//   guichet-kiosk-floor [--renderer software|opengl] [--bench-scroll FRAMES] [--print-timing]
// At rest it waits on events like the kiosk; with --bench-scroll it scrolls the list one step
// per frame and prints the median CPU time per frame.
#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {
double cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

void draw(float scroll) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    ImGui::Begin("home", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    const char* tiles[] = {"Rights", "Integration", "Return", "Institutions", "Laws", "Statistics"};
    const float w = (ImGui::GetContentRegionAvail().x - 5 * ImGui::GetStyle().ItemSpacing.x) / 6;
    for (int i = 0; i < 6; ++i) {
        if (i) ImGui::SameLine();
        ImGui::Button(tiles[i], ImVec2(w, 220));
    }
    ImGui::BeginChild("list");
    if (scroll >= 0) ImGui::SetScrollY(scroll);
    for (int i = 0; i < 200; ++i) {
        char label[96];
        std::snprintf(label, sizeof label, "Institution %d - Ciudad de Panama - Organismo publico",
                      i);
        ImGui::Button(label, ImVec2(-1, 64));
    }
    ImGui::EndChild();
    ImGui::End();
}
}  // namespace

int main(int argc, char** argv) {
    std::string renderer = "software";
    int scroll_frames = 0;
    bool print_timing = false;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--renderer") && i + 1 < argc)
            renderer = argv[++i];
        else if (!std::strcmp(argv[i], "--bench-scroll") && i + 1 < argc)
            scroll_frames = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--print-timing"))
            print_timing = true;
    }
    if (renderer == "software") SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
        std::fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    SDL_Window* window = SDL_CreateWindow("floor", 0, 0, 1920, 1080, SDL_WINDOW_BORDERLESS);
    SDL_Renderer* sdl_renderer = SDL_CreateRenderer(
        window, -1, renderer == "software" ? SDL_RENDERER_SOFTWARE : SDL_RENDERER_ACCELERATED);
    if (!window || !sdl_renderer) {
        std::fprintf(stderr, "window/renderer: %s\n", SDL_GetError());
        return 1;
    }
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    const char* font = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
    ImGui::GetIO().Fonts->AddFontFromFileTTF(font, 27.0f);
    ImGui::GetStyle().ScaleAllSizes(2.0f);
    ImGui_ImplSDL2_InitForSDLRenderer(window);
    ImGui_ImplSDLRenderer_Init(sdl_renderer);

    bool running = true, first = true;
    int frame = 0, frames_after_event = 3;
    std::vector<double> costs;
    while (running) {
        SDL_Event event;
        const bool busy = scroll_frames > 0 || frames_after_event > 0;
        if (busy ? SDL_PollEvent(&event) : SDL_WaitEventTimeout(&event, 1000)) {
            do {
                ImGui_ImplSDL2_ProcessEvent(&event);
                if (event.type == SDL_QUIT) running = false;
                frames_after_event = 3;
            } while (SDL_PollEvent(&event));
        } else if (!busy) {
            continue;
        }
        const double start = cpu_ms();
        ImGui_ImplSDLRenderer_NewFrame();
        ImGui_ImplSDL2_NewFrame();
        ImGui::NewFrame();
        draw(scroll_frames > 0 ? static_cast<float>((frame * 23) % 9000) : -1.0f);
        ImGui::Render();
        SDL_SetRenderDrawColor(sdl_renderer, 30, 30, 30, 255);
        SDL_RenderClear(sdl_renderer);
        ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
        SDL_RenderPresent(sdl_renderer);
        if (frames_after_event > 0) --frames_after_event;
        if (first && print_timing) {
            std::printf("guichet-kiosk: first frame presented\n");
            std::fflush(stdout);
        }
        first = false;
        if (scroll_frames > 0) {
            if (frame >= 10) costs.push_back(cpu_ms() - start);  // after warm-up
            if (++frame >= scroll_frames + 10) running = false;
        }
    }
    if (!costs.empty()) {
        std::sort(costs.begin(), costs.end());
        std::printf("scroll-frame-cpu-ms %.2f\n", costs[costs.size() / 2]);
    }
    ImGui_ImplSDLRenderer_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
    SDL_DestroyRenderer(sdl_renderer);
    SDL_DestroyWindow(window);
    SDL_Quit();
    return 0;
}
