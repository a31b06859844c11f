#pragma once
// Adding a camera while the show runs (a phone over SRT, a second PTZ): the
// operator names it and gives its FFmpeg URL; source.add opens it in the
// background and gives it a scene of its own, with the graphic slots of a
// scene from the show file, ready to preview and take.

#include <string>

#include "console_context.hpp"

namespace hawker::studio::console {

class AddSourcePopup {
public:
    /// Opens the popup with a free id (cam<N>) filled in.
    void open(const ShowSpec& show, const ShowState* state);
    void draw(ConsoleContext& context);

private:
    char m_id[33] = {};
    char m_url[2048] = {};
    char m_format[33] = {};
    char m_name[65] = {};
    std::string m_slotsFrom;  ///< empty: like the scene on program
    bool m_withSound = false; ///< its sound joins the program mix
    std::string m_error;
    bool m_wantOpen = false;
    bool m_closeNext = false; ///< the command was done: close at the next frame
};

} // namespace hawker::studio::console
