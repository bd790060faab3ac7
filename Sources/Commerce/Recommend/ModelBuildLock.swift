import Foundation

/// The lock that makes one process at a time build a shop's model (`flock` on a file beside it;
/// the kernel releases it when the holder exits, however it ends).
final class ModelBuildLock {
    private var fd: Int32

    /// Takes the lock for the model at `modelPath` without waiting; nil when another process holds it.
    init?(modelPath: String) {
        let fd = open(modelPath + ".lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return nil }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return nil
        }
        self.fd = fd
    }

    /// Lets another process build.
    func release() {
        guard fd >= 0 else { return }
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }
}

/// What identifies one version of the model file, so a poll notices a new one by `stat` alone.
struct ModelFileIdentity: Equatable {
    let device: UInt64
    let inode: UInt64
    let size: Int64
    let modified: Int64

    /// The identity of the file at `path`, or nil when there is none.
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    }
}
