package xm.controller;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import xm.diag.XmException;

/**
 * A git repository of specs, followed with Eclipse JGit: cloned once into the controller's
 * directory under {@code XM_HOME}, then fetched at every poll; the work tree is reset to the
 * branch's newest commit, whose id is the revision each pass reports. A fetch that fails (the
 * server is down) keeps the last commit: the controller goes on converging to it.
 */
public final class GitFeed implements SpecFeed {
  private final String url;
  private final String branch;
  private final String path;
  private final Path work;
  private Git git;
  private boolean fetched;
  private int polls;

  /**
   * @param url anything git clones ({@code https://}, {@code ssh://}, {@code file://}, a path)
   * @param branch the branch to follow
   * @param path the directory of specs inside the repository ("" for all of it)
   * @param cacheDir where clones are kept (one per URL and branch)
   */
  public GitFeed(String url, String branch, String path, Path cacheDir) {
    this.url = url;
    this.branch = branch;
    this.path = path;
    java.security.MessageDigest md = DirFeed.sha256();
    md.update((url + "\0" + branch).getBytes(StandardCharsets.UTF_8));
    this.work = cacheDir.resolve(HexFormat.of().formatHex(md.digest()).substring(0, 16));
  }

  @Override
  public synchronized Snapshot poll() {
    try {
      if (git == null && Files.isDirectory(work.resolve(".git"))) {
        git =
            Git.open(
                work.toFile()); // a clone from an earlier run: fetched below before anything is
        // used
        fetched = false;
      } else if (git == null) {
        git =
            Git.cloneRepository()
                .setURI(url)
                .setBranch(branch)
                .setBranchesToClone(List.of("refs/heads/" + branch))
                .setDirectory(work.toFile())
                .call();
        fetched = true;
      }
      if (!fetched || polls++ > 0) {
        // a clone from an earlier run is never used before a fetch: its commit may be older than
        // what
        // the hosts run now (a rollback); until a fetch succeeds there is no revision, and the
        // error says why
        git.fetch().setRemote("origin").call();
        fetched = true;
      }
      Repository repo = git.getRepository();
      ObjectId tip = repo.resolve("refs/remotes/origin/" + branch);
      if (tip == null) {
        throw XmException.error("git: " + shown(url) + " has no branch '" + branch + "'");
      }
      ObjectId head = repo.resolve("HEAD");
      if (!tip.equals(head)) {
        git.reset().setMode(ResetCommand.ResetType.HARD).setRef(tip.name()).call();
      }
      git.clean()
          .setCleanDirectories(true)
          .setIgnore(false)
          .setForce(true)
          .call(); // nothing but the commit's files

      Path specs = path.isEmpty() ? work : work.resolve(path).normalize();
      if (!specs.startsWith(work) || !Files.exists(specs)) {
        throw XmException.error(
            "git: commit "
                + tip.abbreviate(12).name()
                + " of "
                + shown(url)
                + " has no '"
                + path
                + "'");
      }
      return new Snapshot(tip.abbreviate(12).name(), List.of(specs.toString()), work);
    } catch (GitAPIException | IOException | org.eclipse.jgit.errors.RevisionSyntaxException e) {
      throw XmException.error(
          "git: cannot follow "
              + shown(url)
              + " ("
              + branch
              + "): "
              + xm.diag.SafeText.oneLine(redact(String.valueOf(e.getMessage()))));
    } catch (org.eclipse.jgit.api.errors.JGitInternalException e) {
      throw XmException.error(
          "git: " + xm.diag.SafeText.oneLine(redact(String.valueOf(e.getMessage()))));
    }
  }

  @Override
  public String describe() {
    return shown(url) + " (" + branch + (path.isEmpty() ? "" : ", path " + path) + ")";
  }

  /**
   * {@code url} without a password or token in it ({@code https://user:secret@host/...}): logs and
   * status are read by many.
   */
  static String shown(String url) {
    return url.replaceAll("(?<=://)[^/@\\s]*@", "***@");
  }

  private String redact(String message) {
    return message.replace(url, shown(url)).replaceAll("(?<=://)[^/@\\s]*@", "***@");
  }

  @Override
  public synchronized void close() {
    if (git != null) {
      git.close();
    }
  }
}
