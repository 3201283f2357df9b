// `bellwether user add|list|remove|passwd|role` and `bellwether token create|list|revoke`
// (shared/spec/api.md, "Authentication"). Passwords are read from standard input, one line.
#include <fmt/core.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "cli/commands.h"
#include "cli/common.h"
#include "core/ascii.h"
#include "core/clock.h"
#include "service/credentials.h"
#include "store/store.h"

namespace bw::cli {
namespace {

struct UserFlags {
  std::string db;
  std::string email;
  std::string role;
  std::string name;
  std::string token_name;
  int64_t token_id = 0;
};

store::Actor CliActor() {
  const char* user = std::getenv("USER");
  return store::Actor{std::string("cli:") + (user != nullptr ? user : "unknown"),
                      SystemClock::Instance().UnixSeconds()};
}

Result<std::unique_ptr<store::Store>> OpenStore(const UserFlags& flags) {
  return store::OpenSqliteStore(DatabasePath(flags.db));
}

Result<std::string> ReadPassword() {
  if (isatty(STDIN_FILENO) == 1) {
    std::fprintf(stderr, "password: ");
    std::fflush(stderr);
  }
  std::string line;
  if (!std::getline(std::cin, line)) {
    return InvalidArgument("no password on standard input (one line)");
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

Result<store::UserRole> Role(const std::string& name) {
  const std::optional<store::UserRole> role = store::ParseUserRole(name);
  if (!role) {
    return InvalidArgument("unknown role \"" + name +
                           "\" (admin, cx_manager, account_manager, viewer)");
  }
  return *role;
}

Status UserAdd(const UserFlags& flags) {
  BW_ASSIGN_OR_RETURN(const store::UserRole role, Role(flags.role));
  const std::string email = AsciiLower(flags.email);
  if (email.find('@') == std::string::npos) {
    return InvalidArgument("\"" + flags.email + "\" is not an email address");
  }
  BW_ASSIGN_OR_RETURN(const std::string password, ReadPassword());
  BW_ASSIGN_OR_RETURN(const std::string hash, service::HashPassword(password));
  BW_ASSIGN_OR_RETURN(auto store, OpenStore(flags));
  store::User user;
  user.email = email;
  user.name = flags.name.empty() ? email.substr(0, email.find('@')) : flags.name;
  user.role = role;
  user.password_hash = hash;
  BW_ASSIGN_OR_RETURN(const store::User added, store->users().AddUser(user, CliActor()));
  fmt::print("added {} ({})\n", added.email, store::UserRoleName(added.role));
  return Status::Ok();
}

Status UserList(const UserFlags& flags) {
  BW_ASSIGN_OR_RETURN(auto store, OpenStore(flags));
  BW_ASSIGN_OR_RETURN(const std::vector<store::User> users, store->users().ListUsers());
  fmt::print("{:<40} {:<16} {}\n", "email", "role", "name");
  for (const store::User& u : users) {
    fmt::print("{:<40} {:<16} {}\n", u.email, store::UserRoleName(u.role), u.name);
  }
  return Status::Ok();
}

Status UserRemove(const UserFlags& flags) {
  BW_ASSIGN_OR_RETURN(auto store, OpenStore(flags));
  BW_RETURN_IF_ERROR(store->users().RemoveUser(AsciiLower(flags.email), CliActor()));
  fmt::print("removed {} (and their sessions and tokens)\n", AsciiLower(flags.email));
  return Status::Ok();
}

Status UserPasswd(const UserFlags& flags) {
  BW_ASSIGN_OR_RETURN(const std::string password, ReadPassword());
  BW_ASSIGN_OR_RETURN(const std::string hash, service::HashPassword(password));
  BW_ASSIGN_OR_RETURN(auto store, OpenStore(flags));
  BW_RETURN_IF_ERROR(store->users().SetPasswordHash(AsciiLower(flags.email), hash, CliActor()));
  fmt::print("password of {} changed; their sessions ended\n", AsciiLower(flags.email));
  return Status::Ok();
}

Status UserRole(const UserFlags& flags) {
  BW_ASSIGN_OR_RETURN(const store::UserRole role, Role(flags.role));
  BW_ASSIGN_OR_RETURN(auto store, OpenStore(flags));
  BW_RETURN_IF_ERROR(store->users().SetRole(AsciiLower(flags.email), role, CliActor()));
  fmt::print("{} is now {}\n", AsciiLower(flags.email), store::UserRoleName(role));
  return Status::Ok();
}

Status TokenCreate(const UserFlags& flags) {
  BW_ASSIGN_OR_RETURN(auto store, OpenStore(flags));
  // 192 random bits; only the hash is stored, so this is the one time it is shown.
  const std::string token = "bw_" + service::RandomHex(24);
  BW_ASSIGN_OR_RETURN(const store::ApiToken created,
                      store->users().AddToken(AsciiLower(flags.email), flags.token_name,
                                              service::Sha256Hex(token), CliActor()));
  fmt::print("token id {} for {} ({}); keep it now, it is not shown again:\n{}\n", created.id,
             created.user_email, created.name, token);
  return Status::Ok();
}

Status TokenList(const UserFlags& flags) {
  BW_ASSIGN_OR_RETURN(auto store, OpenStore(flags));
  BW_ASSIGN_OR_RETURN(const std::vector<store::ApiToken> tokens,
                      store->users().ListTokens(AsciiLower(flags.email)));
  fmt::print("{:>4} {:<24} {:<32} {:<10} {}\n", "id", "name", "user", "state", "last used");
  for (const store::ApiToken& t : tokens) {
    fmt::print("{:>4} {:<24} {:<32} {:<10} {}\n", t.id, t.name, t.user_email,
               t.revoked ? "revoked" : "active",
               t.last_used_at == 0 ? std::string("never")
                                   : FormatDate(static_cast<Day>(t.last_used_at / 86400)));
  }
  return Status::Ok();
}

Status TokenRevoke(const UserFlags& flags) {
  BW_ASSIGN_OR_RETURN(auto store, OpenStore(flags));
  BW_RETURN_IF_ERROR(store->users().RevokeToken(flags.token_id, CliActor()));
  fmt::print("token {} revoked\n", flags.token_id);
  return Status::Ok();
}

void Action(CLI::App* cmd, int* exit_code, std::function<Status()> run) {
  cmd->callback([exit_code, run = std::move(run)] {
    const Status status = run();
    if (!status.ok()) *exit_code = ReportError(status);
  });
}

void AddDb(CLI::App* cmd, UserFlags& flags) {
  cmd->add_option("--db", flags.db, "SQLite database (default $BELLWETHER_DB or ./bellwether.db)");
}

}  // namespace

void AddUserCommand(CLI::App& app, int* exit_code) {
  auto f = std::make_shared<UserFlags>();
  CLI::App* user =
      app.add_subcommand("user", "Users of the server: add, list, remove, passwd, role.");
  user->require_subcommand(1);

  CLI::App* add =
      user->add_subcommand("add", "Add a user; the password is read from standard input.");
  add->add_option("EMAIL", f->email)->required();
  add->add_option("--role", f->role, "admin, cx_manager, account_manager, viewer")->required();
  add->add_option("--name", f->name, "Display name (default: the email's local part)");
  AddDb(add, *f);
  Action(add, exit_code, [f] { return UserAdd(*f); });

  CLI::App* list = user->add_subcommand("list", "List the users.");
  AddDb(list, *f);
  Action(list, exit_code, [f] { return UserList(*f); });

  CLI::App* remove =
      user->add_subcommand("remove", "Remove a user with their sessions and tokens.");
  remove->add_option("EMAIL", f->email)->required();
  AddDb(remove, *f);
  Action(remove, exit_code, [f] { return UserRemove(*f); });

  CLI::App* passwd = user->add_subcommand("passwd", "Set a new password (standard input).");
  passwd->add_option("EMAIL", f->email)->required();
  AddDb(passwd, *f);
  Action(passwd, exit_code, [f] { return UserPasswd(*f); });

  CLI::App* role = user->add_subcommand("role", "Change a user's role.");
  role->add_option("EMAIL", f->email)->required();
  role->add_option("ROLE", f->role, "admin, cx_manager, account_manager, viewer")->required();
  AddDb(role, *f);
  Action(role, exit_code, [f] { return UserRole(*f); });
}

void AddTokenCommand(CLI::App& app, int* exit_code) {
  auto f = std::make_shared<UserFlags>();
  CLI::App* token =
      app.add_subcommand("token", "API tokens for integrations: create, list, revoke.");
  token->require_subcommand(1);

  CLI::App* create = token->add_subcommand("create", "Create a token; printed once.");
  create->add_option("--user", f->email, "The user the token acts as")->required();
  create->add_option("--name", f->token_name, "What the token is for")->required();
  AddDb(create, *f);
  Action(create, exit_code, [f] { return TokenCreate(*f); });

  CLI::App* list = token->add_subcommand("list", "List tokens (never the token itself).");
  list->add_option("--user", f->email, "Only this user's tokens");
  AddDb(list, *f);
  Action(list, exit_code, [f] { return TokenList(*f); });

  CLI::App* revoke = token->add_subcommand("revoke", "Revoke a token by id.");
  revoke->add_option("ID", f->token_id)->required();
  AddDb(revoke, *f);
  Action(revoke, exit_code, [f] { return TokenRevoke(*f); });
}

}  // namespace bw::cli
