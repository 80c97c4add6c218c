#include "Command.h"

#include <algorithm>

namespace tc::cli {

namespace {
std::vector<Command> &commands()
{
    static std::vector<Command> list; // function-local: safe from static initialisation order
    return list;
}
} // namespace

void CommandRegistry::add(Command command)
{
    auto &list = commands();
    list.push_back(std::move(command));
    std::sort(list.begin(), list.end(), [](const Command &a, const Command &b) { return a.name < b.name; });
}

const Command *CommandRegistry::find(const QString &name)
{
    for (const auto &c : commands())
        if (c.name == name)
            return &c;
    return nullptr;
}

const std::vector<Command> &CommandRegistry::all()
{
    return commands();
}

} // namespace tc::cli
