// SPDX-License-Identifier: GPL-3.0-or-later
// The DRM display's choices over plain descriptions: which connector, mode and CRTC it lights,
// the panel's density, when auto means DRM rather than SDL, and which events wake its wait.
#include <SDL.h>
#include <doctest/doctest.h>

#include "platform/display/backend_choice.h"
#include "platform/display/display.h"
#include "platform/display/drm_modes.h"

using namespace guichet::display;

namespace {
DrmConnectorInfo connector(std::uint32_t id, bool connected, std::vector<DrmModeInfo> modes,
                           std::vector<std::uint32_t> crtcs, std::uint32_t current = 0) {
    DrmConnectorInfo c;
    c.id = id;
    c.name = "HDMI-A-" + std::to_string(id);
    c.connected = connected;
    c.modes = std::move(modes);
    c.possible_crtcs = std::move(crtcs);
    c.current_crtc = current;
    return c;
}
}  // namespace

TEST_CASE("the first connected connector's preferred mode is lit") {
    const std::vector<DrmConnectorInfo> connectors = {
        connector(31, false, {{1920, 1080, 60, true}}, {40}),
        connector(32, true, {{1920, 1080, 60, false}, {800, 480, 60, true}, {640, 480, 60, false}},
                  {40, 41}, 41),
    };
    const auto choice = choose_output(connectors);
    REQUIRE(choice.ok());
    CHECK(choice->connector == 1);
    CHECK(choice->mode == 1);   // the panel's native mode, not the largest
    CHECK(choice->crtc == 41);  // the CRTC already driving it
}

TEST_CASE("without a preferred mode the largest is lit, on the first CRTC it can use") {
    const std::vector<DrmConnectorInfo> connectors = {
        connector(5, true, {{1024, 768, 60, false}, {1280, 800, 75, false}, {1280, 800, 60, false}},
                  {12, 13}, 99),  // 99: an encoder's CRTC this connector cannot use
    };
    const auto choice = choose_output(connectors);
    REQUIRE(choice.ok());
    CHECK(choice->mode == 1);
    CHECK(choice->crtc == 12);
}

TEST_CASE("nothing to light: the message says what each connector lacked") {
    const std::vector<DrmConnectorInfo> connectors = {
        connector(1, false, {}, {10}),
        connector(2, true, {}, {10}),
        connector(3, true, {{800, 480, 60, true}}, {}),
        connector(4, true, {{0, 0, 0, true}}, {10}),
    };
    const auto choice = choose_output(connectors);
    REQUIRE_FALSE(choice.ok());
    CHECK(choice.message().find("HDMI-A-1 not connected") != std::string::npos);
    CHECK(choice.message().find("HDMI-A-2 connected but reports no mode") != std::string::npos);
    CHECK(choice.message().find("HDMI-A-3 has no CRTC") != std::string::npos);
    CHECK(choice.message().find("HDMI-A-4 connected but reports no mode") != std::string::npos);
    CHECK_FALSE(choose_output({}).ok());
}

TEST_CASE("the panel's density comes from its size, unless the size is unbelievable") {
    CHECK(panel_dpi(800, 154) == doctest::Approx(131.9).epsilon(0.01));  // the Pi's 7" panel
    CHECK(panel_dpi(1280, 0) == 0);
    CHECK(panel_dpi(1280, 1) == 0);     // 32512 dpi: a made-up size
    CHECK(panel_dpi(1280, 5000) == 0);  // 6.5 dpi
}

TEST_CASE("auto draws through DRM only without a desktop, a GPU or another SDL driver") {
    BackendFacts board;
    board.drm_card = true;
    board.sdl_video_driver = "kmsdrm";
    CHECK(choose_backend(DisplayBackend::automatic, board) == DisplayBackend::drm);
    board.sdl_video_driver.clear();
    CHECK(choose_backend(DisplayBackend::automatic, board) == DisplayBackend::drm);

    BackendFacts gpu = board;
    gpu.render_node = true;  // a Pi's V3D: SDL's KMSDRM with GLES2 on the GPU
    CHECK(choose_backend(DisplayBackend::automatic, gpu) == DisplayBackend::sdl);
    BackendFacts desktop = board;
    desktop.window_system = true;
    CHECK(choose_backend(DisplayBackend::automatic, desktop) == DisplayBackend::sdl);
    BackendFacts other_driver = board;
    other_driver.sdl_video_driver = "x11";
    CHECK(choose_backend(DisplayBackend::automatic, other_driver) == DisplayBackend::sdl);
    BackendFacts no_card = board;
    no_card.drm_card = false;
    CHECK(choose_backend(DisplayBackend::automatic, no_card) == DisplayBackend::sdl);

    // An explicit setting is kept whatever the machine has.
    CHECK(choose_backend(DisplayBackend::drm, desktop) == DisplayBackend::drm);
    CHECK(choose_backend(DisplayBackend::sdl, board) == DisplayBackend::sdl);
}

TEST_CASE("a render node counts as a GPU only if its driver draws") {
    CHECK(render_node_draws("v3d", false));        // a Raspberry Pi 4
    CHECK(render_node_draws("i915", false));       // an Intel PC
    CHECK(render_node_draws("virtio_gpu", true));  // a QEMU guest with virgl
    // A QEMU guest's virtio GPU without 3D: Mesa would draw with llvmpipe on the CPU.
    CHECK_FALSE(render_node_draws("virtio_gpu", false));
    CHECK_FALSE(render_node_draws("vgem", false));
    // Facts gathered with such a node only: the board draws through DRM.
    BackendFacts guest;
    guest.drm_card = true;
    guest.render_nodes_ignored = "renderD128 (virtio_gpu without 3D)";
    CHECK(choose_backend(DisplayBackend::automatic, guest) == DisplayBackend::drm);
}

TEST_CASE("the backend setting's words") {
    CHECK(*parse_display_backend("auto") == DisplayBackend::automatic);
    CHECK(*parse_display_backend("sdl") == DisplayBackend::sdl);
    CHECK(*parse_display_backend("drm") == DisplayBackend::drm);
    const auto bad = parse_display_backend("fbdev");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.message().find("'fbdev'") != std::string::npos);
}

TEST_CASE("the DRM wait wakes for user events and quit, never for the poll sentinel") {
    CHECK(wakes_drm_wait(SDL_USEREVENT));
    CHECK(wakes_drm_wait(SDL_USEREVENT + 3));  // SDL_RegisterEvents hands these out
    CHECK(wakes_drm_wait(SDL_QUIT));
    CHECK_FALSE(wakes_drm_wait(SDL_POLLSENTINEL));
    CHECK_FALSE(wakes_drm_wait(SDL_MOUSEMOTION));
    CHECK_FALSE(wakes_drm_wait(SDL_WINDOWEVENT));
}
