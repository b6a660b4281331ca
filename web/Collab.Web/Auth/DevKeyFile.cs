using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Collab.Web.Auth;

/// <summary>
/// The development signing key on disk. Several nodes may start at once on one data folder, so the key file
/// appears whole or not at all: each creator writes its own temporary file beside it and publishes it under the
/// key's name only if that name is still free; whoever loses discards its key and reads the winner's.
/// </summary>
internal static class DevKeyFile
{
    private const int KeyBytes = 32;
    private const int AlreadyExists = 17; // EEXIST on Linux and macOS

    public static byte[] LoadOrCreate(string path)
    {
        path = Path.GetFullPath(path);
        if (File.Exists(path)) return Read(path);
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var key = RandomNumberGenerator.GetBytes(KeyBytes);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            WriteOwnerOnly(temporary, Convert.ToBase64String(key));
            return TryPublish(temporary, path) ? key : Read(path);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// Gives the written file the key's name unless that name exists. Not File.Move(…, overwrite: false): on Unix
    /// it checks for the target and then renames, so two creators can both "win" and the second silently replaces
    /// the key the first is already signing with. link(2) takes the name only if it is free, in one step; Windows'
    /// move without replace does the same.
    /// </summary>
    private static bool TryPublish(string temporary, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            try
            {
                File.Move(temporary, path, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(path))
            {
                return false;
            }
        }
        if (Link(temporary, path) == 0) return true;
        var error = Marshal.GetLastPInvokeError();
        return error == AlreadyExists ? false : throw new IOException($"Could not create the development key file {path} (errno {error}).");
    }

    /// <summary>The file is readable by its owner only from the moment it exists, not after a later chmod.</summary>
    private static void WriteOwnerOnly(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var writer = new StreamWriter(new FileStream(path, options));
        writer.Write(content);
    }

    /// <summary>Shares the file with everyone, so a reader never trips over another node's open handle.</summary>
    private static byte[] Read(string path)
    {
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        var key = Convert.FromBase64String(reader.ReadToEnd().Trim());
        return key.Length == KeyBytes ? key : throw new InvalidDataException($"The development key file {path} does not hold a {KeyBytes}-byte key.");
    }

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link(string existingPath, string newPath);
}
