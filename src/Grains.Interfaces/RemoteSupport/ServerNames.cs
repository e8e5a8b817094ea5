using System.Text;

namespace Com.Grains.Interfaces.RemoteSupport;

/// <summary>
/// How a server's name is spelled in a proxy host name (docs/remote-support.md): lower case, every run of characters
/// other than letters and digits turned into one hyphen, none at either end. "SE Primary" and "se-primary" are both
/// <c>se-primary</c>; two servers of one system that spell the same are refused as ambiguous rather than guessed.
/// </summary>
public static class ServerNames
{
    public static string Slug(string name)
    {
        var slug = new StringBuilder(name.Length);
        var pendingHyphen = false;
        foreach (var c in name.ToLowerInvariant())
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                if (pendingHyphen && slug.Length > 0)
                    slug.Append('-');
                slug.Append(c);
                pendingHyphen = false;
            }
            else
                pendingHyphen = true;
        }
        return slug.ToString();
    }
}
